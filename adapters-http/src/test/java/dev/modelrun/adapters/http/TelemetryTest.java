package dev.modelrun.adapters.http;

import static dev.modelrun.adapters.http.ModzyRoutesTest.json;
import static dev.modelrun.adapters.http.TestServer.KEY_A;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelrun.engine.ModelRunEngine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** {@code /metrics}, the request meters and log lines, and {@code /health/ready} with its checks. */
class TelemetryTest {
  private final MeterRegistry meters = new SimpleMeterRegistry();

  @Test
  void requests_are_metered_by_route_template_method_and_status_and_metrics_answer_without_a_key() {
    try (TestServer server = new TestServer(ModelRunEngine.builder().model(new EchoModel()).workers(1).build(),
        TestServer.MAX_UPLOAD, new EdgeTelemetry(meters, () -> "# the node's meters\n"))) {
      String id = ModzyRoutesTest.submit(server, KEY_A, "hello").path("jobIdentifier").asText();
      server.get("/api/jobs/" + id, KEY_A);
      server.get("/api/jobs/" + id, KEY_A);
      server.get("/api/jobs/" + id, null);
      server.get("/no/such/" + id, KEY_A);

      HttpResponse<String> metrics = server.get("/metrics", null);

      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
          assertThat(type).startsWith("text/plain"));
      assertThat(metrics.body()).isEqualTo("# the node's meters\n");
      assertThat(meters.get("http.server.requests").tags("method", "GET", "route", "/api/jobs/{id}",
          "status", "200").timer().count()).isEqualTo(2);
      // a request refused before its route ran (no key) counts under no route
      assertThat(meters.get("http.server.requests").tags("method", "GET", "status", "401").timer().count())
          .isEqualTo(1);
      assertThat(meters.get("http.server.requests").tags("method", "POST", "route", "/api/jobs",
          "status", "201").timer().count()).isEqualTo(1);
      assertThat(meters.get("http.server.requests").tags("route", "unmatched", "status", "404").timer().count())
          .isEqualTo(1);
      assertThat(meters.getMeters().stream().map(meter -> meter.getId().getTag("route")))
          .noneMatch(route -> route != null && route.contains(id));
    }
  }

  @Test
  void a_request_log_line_is_json_with_the_route_status_time_and_key_prefix() throws Exception {
    JsonNode line = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
        RequestLog.line("GET", "/api/jobs/{jobId}", 404, 1.234f, "keya"));

    assertThat(line.path("event").asText()).isEqualTo("http.request");
    assertThat(line.path("route").asText()).isEqualTo("/api/jobs/{jobId}");
    assertThat(line.path("status").asInt()).isEqualTo(404);
    assertThat(line.path("ms").asDouble()).isEqualTo(1.23);
    assertThat(line.path("keyPrefix").asText()).isEqualTo("keya");
  }

  @Test
  void ready_lists_its_checks_and_a_closed_engine_is_a_503() {
    ModelRunEngine engine = ModelRunEngine.builder().model(new EchoModel()).workers(1).build();
    try (TestServer server = new TestServer(engine, TestServer.MAX_UPLOAD)) {
      HttpResponse<String> ready = server.get("/health/ready", null);
      assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
      assertThat(json(ready).path("checks").path("jobStore").asText()).isEqualTo("ok");
      assertThat(json(ready).path("checks").path("resultStore").asText()).isEqualTo("ok");

      engine.close();
      HttpResponse<String> closed = awaitStatus(server, 503);
      assertThat(json(closed).path("status").asText()).isEqualTo("DOWN");
      assertThat(json(closed).path("checks").path("workers").asText()).isEqualTo("not running");
    }
  }

  // why: readiness is checked at most once a second.
  private static HttpResponse<String> awaitStatus(TestServer server, int status) {
    long deadline = System.nanoTime() + 10_000_000_000L;
    HttpResponse<String> response = server.get("/health/ready", null);
    while (response.statusCode() != status && System.nanoTime() < deadline) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      response = server.get("/health/ready", null);
    }
    return response;
  }
}
