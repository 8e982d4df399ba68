package dev.modelrun.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelrun.core.model.CallerIdentity;
import dev.modelrun.core.port.in.GetJobUseCase;
import dev.modelrun.engine.ModelRunEngine;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A port that fails in a way no table entry knows: a 500 with a generic message, never the failure's details. */
class UnexpectedFailureTest {
  @Test
  void an_unexpected_failure_is_a_500_without_details_in_the_contracts_shape() throws Exception {
    CallerIdentity caller = new CallerIdentity("a", "t", "u", "key");
    GetJobUseCase broken = (who, id) -> {
      throw new IllegalStateException("database password is hunter2");
    };
    try (ModelRunEngine engine = ModelRunEngine.builder().model(new EchoModel()).workers(1).build()) {
      EdgePorts real = EdgePorts.of(engine, k -> k.equals("key.s") ? Optional.of(caller) : Optional.empty(),
          engine);
      EdgePorts ports = new EdgePorts(real.authenticate(), real.submit(), broken, real.history(), real.cancel(),
          real.rename(), real.results(), real.resultLink(), real.download(), real.catalog(), real.chunked(), real.await(),
          real.readiness());
      try (HttpEdge edge = HttpEdge.start(ports, new EdgeSettings("127.0.0.1", 0, 1024, 10))) {
        HttpClient client = HttpClient.newHttpClient();
        String id = "00000000-0000-0000-0000-000000000001";
        for (String path : new String[] {"/api/jobs/" + id, "/api/v1/jobs/" + id}) {
          HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                  URI.create("http://127.0.0.1:" + edge.port() + path)).header("x-api-key", "key.s").build(),
              HttpResponse.BodyHandlers.ofString());
          assertThat(response.statusCode()).isEqualTo(500);
          assertThat(response.body()).contains("internal error").doesNotContain("hunter2")
              .doesNotContain("IllegalStateException").doesNotContain("at dev.modelrun");
        }
      }
    }
  }
}
