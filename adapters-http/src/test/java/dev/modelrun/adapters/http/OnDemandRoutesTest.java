package dev.modelrun.adapters.http;

import static dev.modelrun.adapters.http.ModzyRoutesTest.json;
import static dev.modelrun.adapters.http.TestServer.KEY_A;
import static dev.modelrun.adapters.http.TestServer.KEY_B;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelrun.engine.ModelRunEngine;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnDemandRoutesTest {
  static TestServer server;

  @BeforeAll
  static void start() {
    server = new TestServer();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static void assertEnvelopeError(HttpResponse<String> response, int status, String messagePart) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode body = json(response);
    assertThat(body.has("data")).isTrue();
    assertThat(body.path("data").isNull()).isTrue();
    assertThat(body.path("isError").asBoolean()).isTrue();
    assertThat(body.path("errorMessage").asText()).contains(messagePart);
  }

  static HttpResponse<String> upload(String key, Multipart multipart) {
    return server.send("POST", "/api/v1/jobs", key, Multipart.contentType(),
        BodyPublishers.ofByteArray(multipart.build()));
  }

  static long uploadFiles() {
    return server.uploadFiles();
  }

  @Test
  void an_upload_the_disk_budget_cannot_hold_is_a_503_before_it_is_read_and_leaves_nothing(@TempDir Path uploads)
      throws IOException {
    long reserve = Files.getFileStore(uploads).getUsableSpace() + (1L << 30);
    ModelRunEngine engine = ModelRunEngine.builder().model(new EchoModel()).workers(1).build();
    try (TestServer full = new TestServer(engine, new EdgeSettings("127.0.0.1", 0, TestServer.MAX_UPLOAD, 100)
        .withUploads(uploads, reserve), EdgeTelemetry.none())) {
      HttpResponse<String> refused = full.send("POST", "/api/v1/jobs", KEY_A, Multipart.contentType(),
          BodyPublishers.ofByteArray(new Multipart().field("data", null, "{\"model\": \"echo\", \"mimeType\":"
              + " \"text/csv\"}").file("file", "a.csv", "text/csv", "x,y\n1,2\n".getBytes(StandardCharsets.UTF_8))
              .build()));

      assertEnvelopeError(refused, 503, "not enough disk space for an upload of");
      assertThat(refused.headers().firstValue("Retry-After")).contains("60");
      try (Stream<Path> files = Files.list(uploads)) {
        assertThat(files).isEmpty();
      }
      assertThat(json(full.get("/api/v1/jobs/latest", KEY_A)).path("data").size()).isZero();
    }
  }

  @Test
  void the_data_part_is_validated_before_the_job_is_submitted() {
    byte[] csv = "x,y\n1,2\n".getBytes(StandardCharsets.UTF_8);
    assertEnvelopeError(upload(KEY_A, new Multipart().field("data", "application/json", "{\"mimeType\": \"text/csv\"}")
        .file("file", "a.csv", "text/csv", csv)), 400, "data.model is required");
    assertEnvelopeError(upload(KEY_A, new Multipart().field("data", null, "{\"model\": \"echo\", \"mimeType\": \"x/y\"}")
        .file("file", "a.csv", "text/csv", csv)), 400, "mimeType must be one of");
    assertEnvelopeError(upload(KEY_A, new Multipart().field("data", null,
        "{\"model\": \"echo\", \"mimeType\": \"text/csv\", \"mapping\": {\"a\": 1}}")
        .file("file", "a.csv", "text/csv", csv)), 400, "data.mapping must be an array");
    assertEnvelopeError(upload(KEY_A, new Multipart().field("data", null,
        "{\"model\": \"echo\", \"mimeType\": \"text/csv\", \"mapping\": [{\"source\": \"x\"}]}")
        .file("file", "a.csv", "text/csv", csv)), 400, "data.mapping[0].destination is required");
    assertEnvelopeError(upload(KEY_A, new Multipart().field("data", null, "{\"model\": \"echo\"")
        .file("file", "a.csv", "text/csv", csv)), 400, "multipart part 'data' is not valid JSON");
    assertEnvelopeError(upload(KEY_A, new Multipart().file("file", "a.csv", "text/csv", csv)), 400,
        "part 'data' is required");
    assertEnvelopeError(upload(KEY_A, new Multipart().field("data", null, "{}")), 400, "part 'file' is required");
    assertEnvelopeError(upload(KEY_A, new Multipart().field("data", null,
        "{\"model\": \"nope\", \"mimeType\": \"text/csv\"}").file("file", "a.csv", "text/csv", csv)), 404, "nope");
  }

  @Test
  void a_file_after_the_data_is_read_as_it_arrives_and_a_problem_in_it_or_after_it_keeps_no_job() {
    String data = "{\"model\": \"sum\", \"mimeType\": \"text/csv; header=present\"}";
    byte[] csv = "x,y\n1,2\n3,4\n".getBytes(StandardCharsets.UTF_8);
    long files = uploadFiles();
    int jobs = json(server.get("/api/v1/jobs/latest?limit=100", KEY_B)).path("data").size();

    assertEnvelopeError(upload(KEY_B, new Multipart().field("data", null, data)
        .file("file", "a.csv", "text/csv", "x,y\n1,2\n3,oops\n".getBytes(StandardCharsets.UTF_8))), 400,
        "row 2, field 'y'");
    assertEnvelopeError(upload(KEY_B, new Multipart().field("data", null, data).file("file", "a.csv", "text/csv", csv)
        .file("file", "b.csv", "text/csv", csv)), 400, "part 'file' is given twice");
    assertEnvelopeError(upload(KEY_B, new Multipart().field("data", null, data).file("file", "a.csv", "text/csv", csv)
        .field("data", null, data)), 400, "part 'data' is given twice");
    assertEnvelopeError(upload(KEY_B, new Multipart().field("data", null, data)
        .file("file", "a.csv", "text/csv", new byte[(int) TestServer.MAX_UPLOAD + 1])), 413, "limit");
    assertThat(json(server.get("/api/v1/jobs/latest?limit=100", KEY_B)).path("data").size()).isEqualTo(jobs);

    HttpResponse<String> created = upload(KEY_B, new Multipart().field("data", null, data)
        .file("file", "a.csv", "text/csv", csv).field("note", null, "other parts are skipped"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(json(server.get("/api/v1/jobs/latest?limit=100", KEY_B)).path("data").size()).isEqualTo(jobs + 1);
    assertThat(uploadFiles()).as("a file read as it arrives is not stored first").isEqualTo(files);
  }

  @Test
  void an_upload_to_a_model_without_fields_is_refused_with_a_400_that_leaves_no_temp_file() throws IOException {
    long before = uploadFiles();
    HttpResponse<String> response = upload(KEY_A, new Multipart()
        .file("data", "data.json", "application/json", "{\"model\": \"echo\", \"mimeType\": \"text/csv; header=present\"}"
            .getBytes(StandardCharsets.UTF_8))
        .file("file", "records.csv", "text/csv", "x,y\n1,2\n".getBytes(StandardCharsets.UTF_8)));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(json(response).path("isError").asBoolean()).isTrue();
    assertThat(uploadFiles()).isEqualTo(before);
  }

  @Test
  void an_upload_over_the_limit_is_a_413_in_the_envelope() {
    HttpResponse<String> response = upload(KEY_A, new Multipart()
        .field("data", null, "{\"model\": \"echo\", \"mimeType\": \"text/csv\"}")
        .file("file", "big.csv", "text/csv", new byte[(int) TestServer.MAX_UPLOAD + 1]));
    assertEnvelopeError(response, 413, "limit");
  }

  @Test
  void a_request_that_is_not_multipart_is_a_415_in_the_envelope() {
    assertEnvelopeError(server.postJson("/api/v1/jobs", KEY_A, "{}"), 415, "multipart/form-data");
  }

  @Test
  void summary_rename_latest_and_result_link_answer_in_the_envelope() {
    String id = ModzyRoutesTest.submit(server, KEY_A, "sleep").path("jobIdentifier").asText();

    JsonNode summary = json(server.get("/api/v1/jobs/" + id, KEY_A));
    assertThat(summary.path("isError").asBoolean()).isFalse();
    assertThat(summary.path("errorMessage").isNull()).isTrue();
    assertThat(summary.path("data").path("id").asText()).isEqualTo(id);
    assertThat(summary.path("data").path("status").asText()).isIn("pending", "processing");
    assertThat(summary.path("data").path("createdDateUtc").asText()).matches(ModzyRoutesTest.TIME);

    HttpResponse<String> renamed = server.send("PUT", "/api/v1/jobs/" + id, KEY_A, "application/json",
        BodyPublishers.ofString("{\"name\": \"my job\"}"));
    assertThat(json(renamed).path("data").path("name").asText()).isEqualTo("my job");
    assertEnvelopeError(server.send("PUT", "/api/v1/jobs/" + id, KEY_A, "application/json",
        BodyPublishers.ofString("{\"name\": \"\"}")), 400, "name");
    assertEnvelopeError(server.send("PUT", "/api/v1/jobs/" + id, KEY_A, "application/json",
        BodyPublishers.ofString("{\"name\": 5}")), 400, "name must be a string");

    JsonNode latest = json(server.get("/api/v1/jobs/latest?limit=5", KEY_A));
    assertThat(latest.path("data").findValuesAsText("id")).contains(id);
    assertEnvelopeError(server.get("/api/v1/jobs/latest?limit=0", KEY_A), 400, "limit");

    assertEnvelopeError(server.get("/api/v1/jobs/result-link/" + id, KEY_A), 409, "");
    server.delete("/api/jobs/" + id, KEY_A);
  }

  @Test
  void a_csv_upload_runs_to_success_and_its_signed_link_downloads_the_output_without_a_key() {
    HttpResponse<String> created = server.send("POST", "/api/v1/jobs?wait=30", KEY_A, Multipart.contentType(),
        BodyPublishers.ofByteArray(new Multipart()
            .field("data", "application/json", "{\"model\": \"sum\", \"mimeType\": \"text/csv; header=present\","
                + " \"outputMapping\": [{\"source\": \"sum\", \"destination\": \"total\"}]}")
            .file("file", "points.csv", "text/csv", "x,y\n1,2\n3,4\n".getBytes(StandardCharsets.UTF_8)).build()));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode summary = json(created).path("data");
    assertThat(summary.path("status").asText()).isEqualTo("success");
    assertThat(summary.path("recordCount").asInt()).isEqualTo(2);
    assertThat(summary.path("billedUsage").asInt()).isEqualTo(20);
    String id = summary.path("id").asText();

    URI link = URI.create(json(server.get("/api/v1/jobs/result-link/" + id, KEY_A)).path("data").asText());
    assertThat(link.getPath()).isEqualTo("/downloads/" + id);
    HttpResponse<String> download = server.get(link.getRawPath() + "?" + link.getRawQuery(), null);
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.body()).isEqualTo("total\n3\n7\n");
    assertThat(download.headers().firstValue("Content-Disposition").orElse("")).contains("points-results.csv");

    HttpResponse<String> altered = server.get(link.getRawPath() + "?"
        + link.getRawQuery().replaceAll("sig=[0-9a-f]{4}", "sig=0000"), null);
    assertEnvelopeError(altered, 403, "not valid");
  }

  @Test
  void another_key_gets_404_in_the_envelope_and_not_the_job_in_latest() {
    String id = ModzyRoutesTest.submit(server, KEY_A, "private").path("jobIdentifier").asText();
    assertEnvelopeError(server.get("/api/v1/jobs/" + id, KEY_B), 404, id);
    assertEnvelopeError(server.get("/api/v1/jobs/result-link/" + id, KEY_B), 404, id);
    assertEnvelopeError(server.send("PUT", "/api/v1/jobs/" + id, KEY_B, "application/json",
        BodyPublishers.ofString("{\"name\": \"x\"}")), 404, id);
    assertThat(json(server.get("/api/v1/jobs/latest?limit=1000", KEY_B)).path("data").findValuesAsText("id"))
        .doesNotContain(id);
  }

  @Test
  void errors_of_v1_routes_use_the_envelope_also_for_401_and_unknown_routes() {
    assertEnvelopeError(server.get("/api/v1/jobs/latest", null), 401, "API key");
    assertEnvelopeError(server.get("/api/v1/nothing", KEY_A), 404, "no route");
  }
}
