package dev.modelrun.adapters.http;

import static dev.modelrun.adapters.http.ModzyRoutesTest.json;
import static dev.modelrun.adapters.http.TestServer.KEY_A;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelrun.engine.ModelRunEngine;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorsTest {
  static TestServer server;

  @BeforeAll
  static void start() {
    server = new TestServer();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static void assertModzyError(HttpResponse<String> response, int status, String reason, String messagePart) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode body = json(response);
    assertThat(body.path("statusCode").asInt()).isEqualTo(status);
    assertThat(body.path("status").asText()).isEqualTo(reason);
    assertThat(body.path("message").asText()).contains(messagePart);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      malformed JSON            | {"model":                                                  | not valid JSON
      a JSON array              | []                                                         | must be a JSON object
      missing model             | {"input": {"type": "text", "sources": {}}}                 | model is required
      model as a string         | {"model": "echo"}                                          | model must be an object
      identifier as a number    | {"model": {"identifier": 5}}                               | model.identifier must be a string
      explain as a string       | {"model": {"identifier": "echo"}, "explain": "yes"}        | explain must be true or false
      timeout as text           | {"model": {"identifier": "echo"}, "timeout": "soon"}       | timeout must be a whole number
      unknown input type        | {"model": {"identifier": "echo"}, "input": {"type": "ftp"}} | input.type must be one of
      sources missing           | {"model": {"identifier": "echo"}, "input": {"type": "text"}} | input.sources is required
      item as a string          | {"model": {"identifier": "echo"}, "input": {"type": "text", "sources": {"my-item": "x"}}} | input.sources.my-item must be an object
      text value as a number    | {"model": {"identifier": "echo"}, "input": {"type": "text", "sources": {"a": {"input.txt": 1}}}} | input.sources.a.input.txt must be a string
      unknown model input name  | {"model": {"identifier": "echo"}, "input": {"type": "text", "sources": {"a": {"nope": "x"}}}} | nope
      bad base64                | {"model": {"identifier": "echo"}, "input": {"type": "embedded", "sources": {"a": {"input.txt": "%%%"}}}} | base64
      duplicate keys            | {"model": {"identifier": "echo"}, "model": {"identifier": "echo"}} | Duplicate field
      """)
  void a_bad_submit_body_is_a_400_naming_the_field(String name, String body, String message) {
    assertModzyError(server.postJson("/api/jobs", KEY_A, body), 400, "BAD_REQUEST", message);
  }

  @Test
  void a_submit_past_the_queue_bound_is_a_429_with_retry_after_and_stores_nothing() throws Exception {
    ModelRunEngine bounded = ModelRunEngine.builder().model(new EchoModel()).workers(2).maxQueuedItems(1).build();
    try (TestServer full = new TestServer(bounded, TestServer.MAX_UPLOAD)) {
      for (int i = 0; i < 2; i++) {
        String id = ModzyRoutesTest.submit(full, KEY_A, "sleep").path("jobIdentifier").asText();
        Instant deadline = Instant.now().plusSeconds(20);
        while (!json(full.get("/api/jobs/" + id, KEY_A)).path("status").asText().equals("IN_PROGRESS")
            && Instant.now().isBefore(deadline)) {
          Thread.sleep(10);
        }
      }
      ModzyRoutesTest.submit(full, KEY_A, "waits");
      long stored = json(full.get("/api/jobs/history", KEY_A)).size();

      HttpResponse<String> refused = full.postJson("/api/jobs", KEY_A, ModzyRoutesTest.textJob("one too many"));

      assertModzyError(refused, 429, "TOO_MANY_REQUESTS", "the queue is full");
      assertThat(refused.headers().firstValue("Retry-After")).contains("2");
      assertThat(json(full.get("/api/jobs/history", KEY_A)).size()).isEqualTo(stored);
    }
  }

  @Test
  void unknown_top_level_fields_are_tolerated() {
    HttpResponse<String> response = server.postJson("/api/jobs", KEY_A, "{\"model\": {\"identifier\": \"echo\"},"
        + " \"input\": {\"type\": \"text\", \"sources\": {\"a\": {\"input.txt\": \"x\"}}}, \"whatever\": [1, 2]}");
    assertThat(response.statusCode()).isEqualTo(201);
  }

  @Test
  void nesting_deeper_than_the_limit_is_a_400() {
    String deep = "[".repeat(Json.MAX_DEPTH + 10) + "]".repeat(Json.MAX_DEPTH + 10);
    assertModzyError(server.postJson("/api/jobs", KEY_A, "{\"model\": " + deep + "}"), 400, "BAD_REQUEST",
        "not valid JSON");
  }

  @Test
  void an_unknown_model_or_version_is_a_404() {
    assertModzyError(server.postJson("/api/jobs", KEY_A, ModzyRoutesTest.textJob("x").replace("echo", "nope")),
        404, "NOT_FOUND", "nope");
    assertModzyError(server.postJson("/api/jobs", KEY_A, ModzyRoutesTest.textJob("x").replace("1.0.0", "9")),
        404, "NOT_FOUND", "9");
  }

  @Test
  void a_missing_or_wrong_key_is_a_401_in_both_header_forms() {
    assertModzyError(server.get("/api/jobs/history", null), 401, "UNAUTHORIZED", "API key is required");
    assertModzyError(server.get("/api/jobs/history", "keya.wrong"), 401, "UNAUTHORIZED", "not valid");
    HttpResponse<String> viaHeader = server.send(server.request("/api/jobs/history", null)
        .header("x-api-key", KEY_A).GET().build());
    assertThat(viaHeader.statusCode()).isEqualTo(200);
  }

  @Test
  void unknown_routes_and_wrong_methods_answer_the_modzy_error_body() {
    assertModzyError(server.get("/api/nothing/here", KEY_A), 404, "NOT_FOUND", "no route GET /api/nothing/here");
    assertModzyError(server.get("/elsewhere", null), 404, "NOT_FOUND", "no route");
    assertModzyError(server.send("PATCH", "/api/jobs/history", KEY_A, null, BodyPublishers.noBody()), 405,
        "METHOD_NOT_ALLOWED", "PATCH");
  }

  @Test
  void a_request_jetty_cannot_parse_still_answers_the_modzy_error_body() throws Exception {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.edge.port())) {
      socket.getOutputStream().write("GET /api/jobs/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
          .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(answer).startsWith("HTTP/1.1 400").contains("application/json")
          .contains("\"statusCode\":400").contains("\"status\":\"BAD_REQUEST\"").doesNotContain("<h1>");
    }
    // why: Jetty refuses the request before any route runs, so no operation of openapi.json describes the answer.
    HttpResponse<String> bigHeader = server.sendUnchecked(server.request("/api/models", KEY_A)
        .header("X-Big", "a".repeat(20_000)).GET().build());
    assertThat(bigHeader.statusCode()).isEqualTo(431);
    assertThat(json(bigHeader).path("statusCode").asInt()).isEqualTo(431);
  }

  @Test
  void a_malformed_job_id_is_a_404() {
    assertModzyError(server.get("/api/jobs/not-a-uuid", KEY_A), 404, "NOT_FOUND", "not-a-uuid");
  }

  @Test
  void a_body_over_the_limit_is_a_413() {
    String big = ModzyRoutesTest.textJob("x".repeat((int) TestServer.MAX_UPLOAD));
    assertModzyError(server.postJson("/api/jobs", KEY_A, big), 413, "PAYLOAD_TOO_LARGE", "limit");
  }

  @Test
  void a_body_that_is_not_json_is_a_415() {
    assertModzyError(server.send("POST", "/api/jobs", KEY_A, "text/plain", BodyPublishers.ofString("hi")), 415,
        "UNSUPPORTED_MEDIA_TYPE", "application/json");
  }

  @Test
  void a_chunk_without_multipart_is_a_415_and_without_its_part_a_400() {
    String id = json(server.postJson("/api/jobs", KEY_A, "{\"model\": {\"identifier\": \"echo\"}}"))
        .path("jobIdentifier").asText();
    assertModzyError(server.send("POST", "/api/jobs/" + id + "/a/input.txt", KEY_A, "application/octet-stream",
        BodyPublishers.ofString("x")), 415, "UNSUPPORTED_MEDIA_TYPE", "multipart/form-data");
    byte[] body = new Multipart().field("other", null, "x").build();
    assertModzyError(server.send("POST", "/api/jobs/" + id + "/a/input.txt", KEY_A, Multipart.contentType(),
        BodyPublishers.ofByteArray(body)), 400, "BAD_REQUEST", "part 'input' is required");
  }

  @Test
  void closing_an_open_job_without_chunks_is_a_400_and_leaves_it_open() {
    String id = json(server.postJson("/api/jobs", KEY_A, "{\"model\": {\"identifier\": \"echo\"}}"))
        .path("jobIdentifier").asText();
    HttpResponse<String> closed = server.postJson("/api/jobs/" + id + "/close", KEY_A, "{}");
    assertThat(closed.statusCode()).isBetween(400, 499);
    assertThat(json(server.get("/api/jobs/" + id, KEY_A)).path("status").asText()).isEqualTo("OPEN");
  }

  @Test
  void health_routes_answer_without_a_key_and_openapi_lists_the_routes() {
    assertThat(server.get("/health/live", null).statusCode()).isEqualTo(200);
    assertThat(json(server.get("/health/ready", null)).path("status").asText()).isEqualTo("UP");
    JsonNode openApi = json(server.get("/openapi.json", null));
    assertThat(openApi.path("openapi").asText()).startsWith("3.");
    assertThat(openApi.path("paths").has("/api/jobs/{id}/{item}/{input}")).isTrue();
    assertThat(openApi.path("paths").has("/api/v1/jobs/result-link/{id}")).isTrue();
  }
}
