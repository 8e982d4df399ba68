package dev.modelrun.app;

import static dev.modelrun.app.RunningServer.KEY_A;
import static dev.modelrun.app.RunningServer.KEY_B;
import static dev.modelrun.app.RunningServer.json;
import static dev.modelrun.app.RunningServer.sentimentJob;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real server over HTTP: every route, every error row of the contract, and isolation between two keys. */
class ServerIT {
  static final String TIME = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}\\+00:00";
  static final String BOUNDARY = "it-boundary-5dcb1a";
  static RunningServer server;

  @BeforeAll
  static void start() {
    server = new RunningServer();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static String submit(String key, String text) {
    HttpResponse<String> response = server.postJson("/api/jobs", key, sentimentJob(text));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return json(response).path("jobIdentifier").asText();
  }

  static void assertModzyError(HttpResponse<String> response, int status, String reason, String message) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode body = json(response);
    assertThat(body.path("statusCode").asInt()).isEqualTo(status);
    assertThat(body.path("status").asText()).isEqualTo(reason);
    assertThat(body.path("message").asText()).contains(message);
  }

  static void assertEnvelopeError(HttpResponse<String> response, int status, String message) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode body = json(response);
    assertThat(body.path("data").isNull()).isTrue();
    assertThat(body.path("isError").asBoolean()).isTrue();
    assertThat(body.path("errorMessage").asText()).contains(message);
  }

  static byte[] multipart(String... namesAndValues) {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      body.append("--").append(BOUNDARY).append("\r\n").append("Content-Disposition: form-data; name=\"")
          .append(namesAndValues[i]).append('"');
      if (namesAndValues[i].equals("file") || namesAndValues[i].equals("input")) {
        body.append("; filename=\"records.csv\"");
      }
      body.append("\r\n\r\n").append(namesAndValues[i + 1]).append("\r\n");
    }
    body.append("--").append(BOUNDARY).append("--\r\n");
    return body.toString().getBytes(StandardCharsets.UTF_8);
  }

  static HttpResponse<String> postMultipart(String path, String key, byte[] body) {
    return server.send("POST", path, key, "multipart/form-data; boundary=" + BOUNDARY,
        BodyPublishers.ofByteArray(body));
  }

  @Test
  void the_startup_output_names_the_url_and_no_key_is_made_when_keys_are_configured() {
    assertThat(server.startupOutput).contains("listening on http://localhost:" + server.server.port());
    assertThat(server.startupOutput).doesNotContain("one was made");
  }

  @Test
  void the_sample_sentiment_request_runs_to_a_positive_result() {
    String id = submit(KEY_A, "I love it");

    JsonNode job = server.awaitEnd(KEY_A, id);
    assertThat(job.path("status").asText()).isEqualTo("COMPLETED");
    assertThat(job.path("createdAt").asText()).matches(TIME);
    assertThat(job.path("billedUsage").asLong()).isEqualTo(1);
    JsonNode results = json(server.get("/api/results/" + id, KEY_A));
    JsonNode predictions = results.path("results").path("my-item").path("results.json").path("data")
        .path("result").path("classPredictions");
    assertThat(predictions.get(0).path("class").asText()).isEqualTo("positive");
    assertThat(results.path("failures").size()).isZero();
    assertThat(server.get("/api/results/" + id + "/my-item", KEY_A).statusCode()).isEqualTo(200);
    HttpResponse<String> output = server.get("/api/results/" + id + "/my-item/results.json", KEY_A);
    assertThat(output.statusCode()).isEqualTo(200);
    assertThat(output.body()).contains("classPredictions");
  }

  @Test
  void an_embedded_job_with_a_data_uri_runs() {
    String encoded = Base64.getEncoder().encodeToString("what a great day".getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> response = server.postJson("/api/jobs", KEY_A,
        "{\"model\": {\"identifier\": \"ed542963de\", \"version\": \"0.0.27\"}, \"input\": {\"type\": \"embedded\","
            + " \"sources\": {\"e1\": {\"input.txt\": \"data:text/plain;charset=utf-8;base64," + encoded + "\"}}}}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    assertThat(server.awaitEnd(KEY_A, json(response).path("jobIdentifier").asText()).path("status").asText())
        .isEqualTo("COMPLETED");
  }

  @Test
  void a_chunked_upload_like_the_modzy_sdks_runs() {
    HttpResponse<String> opened = server.postJson("/api/jobs", KEY_A,
        "{\"model\": {\"identifier\": \"ed542963de\", \"version\": \"0.0.27\"}, \"explain\": false}");
    assertThat(opened.statusCode()).isEqualTo(201);
    String id = json(opened).path("jobIdentifier").asText();
    assertThat(json(opened).path("status").asText()).isEqualTo("OPEN");
    assertThat(json(server.get("/api/jobs/features", KEY_A)).path("inputChunkMaximumSize").asText()).isEqualTo("1MB");

    for (String chunk : List.of("I really ", "love this")) {
      HttpResponse<String> appended = postMultipart("/api/jobs/" + id + "/item-1/input.txt", KEY_A,
          multipart("input", chunk));
      assertThat(appended.statusCode()).as(appended.body()).isEqualTo(200);
    }
    HttpResponse<String> closed = server.send("POST", "/api/jobs/" + id + "/close", KEY_A, null,
        BodyPublishers.noBody());
    assertThat(closed.statusCode()).as(closed.body()).isEqualTo(200);
    assertThat(json(closed).path("jobIdentifier").asText()).isEqualTo(id);
    JsonNode job = server.awaitEnd(KEY_A, id);
    assertThat(job.path("status").asText()).isEqualTo("COMPLETED");
    assertThat(job.path("inputByteAmount").asLong()).isEqualTo("I really love this".length());
  }

  @Test
  void an_open_job_can_be_canceled() {
    HttpResponse<String> open = server.postJson("/api/jobs", KEY_B, "{\"model\": {\"identifier\": \"ed542963de\"}}");
    String id = json(open).path("jobIdentifier").asText();

    HttpResponse<String> canceled = server.delete("/api/jobs/" + id, KEY_B);
    assertThat(canceled.statusCode()).as(canceled.body()).isEqualTo(200);
    assertThat(json(canceled).path("status").asText()).isEqualTo("CANCELED");
    assertThat(json(server.get("/api/v1/jobs/" + id, KEY_B)).path("data").path("status").asText())
        .isEqualTo("canceled");
  }

  @Test
  void history_lists_the_callers_jobs_with_headers() {
    String id = submit(KEY_B, "history please");
    server.awaitEnd(KEY_B, id);

    HttpResponse<String> history = server.get("/api/jobs/history?status=terminated&model=Sentiment%20Analysis"
        + "&startDate=2020-01-01T00:00:00.000+00:00&per-page=1&sort-by=submittedAt&direction=DESC", KEY_B);
    assertThat(history.statusCode()).as(history.body()).isEqualTo(200);
    assertThat(json(history).get(0).path("jobIdentifier").asText()).isEqualTo(id);
    assertThat(history.headers().firstValue("X-Total-Count")).isPresent();
  }

  @Test
  void models_routes_describe_the_built_in_models() {
    JsonNode models = json(server.get("/api/models", KEY_A));
    assertThat(models.findValuesAsText("identifier")).contains("ed542963de", "tabular-demo");
    assertThat(json(server.get("/api/models/ed542963de", KEY_A)).path("latestVersion").asText()).isEqualTo("0.0.27");
    assertThat(json(server.get("/api/models/ed542963de/versions", KEY_A)).get(0).path("version").asText())
        .isEqualTo("0.0.27");
    JsonNode tabular = json(server.get("/api/models/tabular-demo/versions/1.0.0", KEY_A));
    assertThat(tabular.path("fields").findValuesAsText("name")).containsExactly("x", "y");
    assertThat(tabular.path("outputFields").findValuesAsText("name")).containsExactly("a", "b", "c");
    assertThat(tabular.path("pricing").path("recordsPerGroup").asInt()).isEqualTo(5);
    assertThat(tabular.path("pricing").path("unitsPerGroup").asInt()).isEqualTo(20);
  }

  @Test
  void on_demand_routes_answer_in_the_envelope() {
    String id = submit(KEY_A, "summary");
    server.awaitEnd(KEY_A, id);

    JsonNode summary = json(server.get("/api/v1/jobs/" + id, KEY_A));
    assertThat(summary.path("isError").asBoolean()).isFalse();
    assertThat(summary.path("data").path("status").asText()).isEqualTo("success");
    assertThat(summary.path("data").path("lastUpdatedUtc").asText()).matches(TIME);
    HttpResponse<String> renamed = server.send("PUT", "/api/v1/jobs/" + id, KEY_A, "application/json",
        BodyPublishers.ofString("{\"name\": \"renamed\"}"));
    assertThat(json(renamed).path("data").path("name").asText()).isEqualTo("renamed");
    assertThat(json(server.get("/api/v1/jobs/latest?limit=3", KEY_A)).path("data").findValuesAsText("id"))
        .contains(id);
  }

  @Test
  void a_csv_upload_runs_to_success_and_its_signed_output_link_downloads_the_mapped_records() {
    HttpResponse<String> created = postMultipart("/api/v1/jobs?wait=30", KEY_A,
        multipart("data", "{\"model\": \"tabular-demo\", \"mimeType\": \"text/csv; header=present\", "
                + "\"mapping\": [{\"source\": \"first\", \"destination\": \"x\"}], "
                + "\"outputMapping\": [{\"source\": \"c\", \"destination\": \"sign\"}]}",
            "file", "first,y\n1,2\n-3,4\n\"5\",0\n"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode job = json(created).path("data");
    assertThat(job.path("status").asText()).isEqualTo("success");
    assertThat(job.path("recordCount").asLong()).isEqualTo(3);
    assertThat(job.path("recordGroupCount").asLong()).isEqualTo(1);
    assertThat(job.path("billedUsage").asLong()).isEqualTo(20);
    String id = job.path("id").asText();

    String link = json(server.get("/api/v1/jobs/result-link/" + id, KEY_A)).path("data").asText();
    assertThat(link).startsWith(server.url() + "/downloads/" + id + "?expires=");
    HttpResponse<String> download = server.send(HttpRequest.newBuilder(URI.create(link)).GET().build());
    assertThat(download.statusCode()).as(download.body()).isEqualTo(200);
    assertThat(download.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
        assertThat(type).startsWith("text/csv"));
    assertThat(download.headers().firstValue("Content-Disposition")).hasValueSatisfying(disposition ->
        assertThat(disposition).contains("attachment"));
    assertThat(download.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(download.body().lines()).containsExactly("a,b,sign", "3,2,pos", "1,-12,neg", "5,0,pos");

    // why: change the signature's first digit to another one (a signature starting with 0 stayed unaltered before)
    String tampered = link.contains("sig=0") ? link.replace("sig=0", "sig=1")
        : link.replaceAll("sig=[0-9a-fA-F]", "sig=0");
    HttpResponse<String> altered = server.send(HttpRequest.newBuilder(URI.create(tampered)).GET().build());
    assertThat(altered.statusCode()).as(altered.body()).isEqualTo(403);
    assertThat(json(altered).path("isError").asBoolean()).isTrue();
  }

  @Test
  void a_csv_row_that_does_not_fit_the_model_is_a_400_naming_row_and_field_and_leaves_no_job() {
    int before = json(server.get("/api/v1/jobs/latest?limit=1000", KEY_B)).path("data").size();
    HttpResponse<String> refused = postMultipart("/api/v1/jobs", KEY_B,
        multipart("data", "{\"model\": \"tabular-demo\", \"mimeType\": \"text/csv; header=present\"}",
            "file", "x,y\n1,2\n3,abc\n"));
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    assertThat(json(refused).path("errorMessage").asText()).contains("row 2").contains("'y'");
    assertThat(json(server.get("/api/v1/jobs/latest?limit=1000", KEY_B)).path("data").size()).isEqualTo(before);
  }

  @Test
  void service_routes_answer_without_a_key() {
    assertThat(json(server.get("/health/live", null)).path("status").asText()).isEqualTo("UP");
    JsonNode ready = json(server.get("/health/ready", null));
    assertThat(ready.path("status").asText()).isEqualTo("UP");
    assertThat(ready.path("checks").path("jobStore").asText()).isEqualTo("ok");
    assertThat(ready.path("checks").path("resultStore").asText()).isEqualTo("ok");
    assertThat(ready.path("checks").path("workers").asText()).isEqualTo("ok");
    JsonNode openApi = json(server.get("/openapi.json", null));
    assertThat(openApi.path("paths").size()).isGreaterThanOrEqualTo(20);
    assertThat(openApi.path("paths").has("/downloads/{id}")).as("the download route is described").isTrue();
  }

  @Test
  void metrics_show_the_engine_the_edge_the_pool_and_the_jvm_in_prometheus_text() {
    String id = submit(KEY_A, "I love it");
    server.awaitEnd(KEY_A, id);
    // why: the GC meters appear at the JVM's first collection, which a short test run may not have had yet
    System.gc();

    HttpResponse<String> metrics = server.get("/metrics", null);

    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body())
        .contains("modelrun_jobs_submitted_total{model=\"ed542963de@0.0.27\"")
        .contains("modelrun_items_total{model=\"ed542963de@0.0.27\",node=")
        .contains("modelrun_model_latency_seconds_bucket{")
        .contains("modelrun_queue_items{")
        .contains("modelrun_queue_oldest_age_seconds{")
        .contains("modelrun_store_claim_seconds_count{")
        .contains("http_server_requests_seconds_count{method=\"POST\"")
        .contains("route=\"/api/jobs\"")
        .contains("hikaricp_connections_active{")
        .contains("jvm_memory_used_bytes{")
        .contains("jvm_gc_pause_seconds")
        .doesNotContain(id);
  }

  // --- each error row of the contract

  @Test
  void row_400_malformed_json_wrong_types_missing_fields_bad_base64_unknown_input_name() {
    assertModzyError(server.postJson("/api/jobs", KEY_A, "{\"model\":"), 400, "BAD_REQUEST", "not valid JSON");
    assertModzyError(server.postJson("/api/jobs", KEY_A, "{\"model\": \"ed542963de\"}"), 400, "BAD_REQUEST",
        "model must be an object");
    assertModzyError(server.postJson("/api/jobs", KEY_A, "{\"input\": {}}"), 400, "BAD_REQUEST",
        "model is required");
    assertModzyError(server.postJson("/api/jobs", KEY_A, sentimentJob("x").replace("\"my-item\": {", "\"my-item\": "
        + "\"oops\", \"other\": {")), 400, "BAD_REQUEST", "input.sources.my-item must be an object");
    assertModzyError(server.postJson("/api/jobs", KEY_A, sentimentJob("x").replace("\"text\"", "\"embedded\"")
        .replace("\"x\"", "\"!!not base64!!\"")), 400, "BAD_REQUEST", "base64");
    assertModzyError(server.postJson("/api/jobs", KEY_A, sentimentJob("x").replace("input.txt", "wrong.txt")), 400,
        "BAD_REQUEST", "wrong.txt");
    assertEnvelopeError(postMultipart("/api/v1/jobs", KEY_A, multipart("data", "{\"model\": 1}", "file", "x")),
        400, "data.model must be a string");
  }

  @Test
  void row_401_missing_or_bad_key() {
    assertModzyError(server.get("/api/jobs/history", null), 401, "UNAUTHORIZED", "API key");
    assertModzyError(server.get("/api/models", "alpha.wrong-secret"), 401, "UNAUTHORIZED", "not valid");
    assertEnvelopeError(server.get("/api/v1/jobs/latest", "nobody.nothing"), 401, "not valid");
  }

  @Test
  void row_404_unknown_job_model_version_route_and_another_keys_job() {
    assertModzyError(server.get("/api/jobs/00000000-0000-0000-0000-000000000000", KEY_A), 404, "NOT_FOUND", "job");
    assertModzyError(server.postJson("/api/jobs", KEY_A, sentimentJob("x").replace("ed542963de", "unknown-model")),
        404, "NOT_FOUND", "unknown-model");
    assertModzyError(server.postJson("/api/jobs", KEY_A, sentimentJob("x").replace("0.0.27", "9.9.9")), 404,
        "NOT_FOUND", "9.9.9");
    assertModzyError(server.get("/api/no/such/route", KEY_A), 404, "NOT_FOUND", "no route");
    assertModzyError(server.send("PUT", "/api/jobs/history", KEY_A, null, BodyPublishers.noBody()), 405,
        "METHOD_NOT_ALLOWED", "PUT");
  }

  @Test
  void row_409_cancel_of_a_finished_job_and_result_link_of_an_unfinished_one() {
    String id = submit(KEY_A, "finished soon");
    server.awaitEnd(KEY_A, id);
    assertModzyError(server.delete("/api/jobs/" + id, KEY_A), 409, "CONFLICT", id);

    HttpResponse<String> open = server.postJson("/api/jobs", KEY_A, "{\"model\": {\"identifier\": \"ed542963de\"}}");
    String openId = json(open).path("jobIdentifier").asText();
    assertEnvelopeError(server.get("/api/v1/jobs/result-link/" + openId, KEY_A), 409, "");
  }

  @Test
  void row_409_an_idempotency_key_reused_for_another_body() {
    var request = server.request("/api/jobs", KEY_A).header("Content-Type", "application/json")
        .header("Idempotency-Key", "it-key-1");
    HttpResponse<String> first = server.send(request.POST(BodyPublishers.ofString(sentimentJob("a"))).build());
    HttpResponse<String> again = server.send(request.POST(BodyPublishers.ofString(sentimentJob("a"))).build());
    HttpResponse<String> other = server.send(request.POST(BodyPublishers.ofString(sentimentJob("b"))).build());
    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(json(again).path("jobIdentifier")).isEqualTo(json(first).path("jobIdentifier"));
    assertModzyError(other, 409, "CONFLICT", "");
  }

  @Test
  void row_413_body_or_upload_over_the_limit() {
    String big = sentimentJob("x".repeat((int) RunningServer.MAX_UPLOAD));
    assertModzyError(server.postJson("/api/jobs", KEY_A, big), 413, "PAYLOAD_TOO_LARGE", "limit");
    assertEnvelopeError(postMultipart("/api/v1/jobs", KEY_A, multipart("data",
        "{\"model\": \"tabular-demo\", \"mimeType\": \"text/csv\"}", "file",
        "x,y\n" + "1,2\n".repeat((int) RunningServer.MAX_UPLOAD / 4 + 10))), 413, "limit");
  }

  @Test
  void row_415_unsupported_media_type() {
    assertModzyError(server.send("POST", "/api/jobs", KEY_A, "application/xml",
        BodyPublishers.ofString("<job/>")), 415, "UNSUPPORTED_MEDIA_TYPE", "application/json");
    assertEnvelopeError(server.postJson("/api/v1/jobs", KEY_A, "{}"), 415, "multipart/form-data");
  }

  // --- isolation

  @Test
  void another_key_gets_404_for_a_job_in_every_route_and_never_sees_it_listed() {
    String id = submit(KEY_A, "alpha only");
    server.awaitEnd(KEY_A, id);

    for (String path : List.of("/api/jobs/" + id, "/api/results/" + id, "/api/results/" + id + "/my-item",
        "/api/results/" + id + "/my-item/results.json",
        "/api/results/" + id + "/datasource/my-item/output/results.json")) {
      assertModzyError(server.get(path, KEY_B), 404, "NOT_FOUND", "");
    }
    assertModzyError(server.delete("/api/jobs/" + id, KEY_B), 404, "NOT_FOUND", "");
    assertModzyError(server.send("POST", "/api/jobs/" + id + "/close", KEY_B, null, BodyPublishers.noBody()), 404,
        "NOT_FOUND", "");
    assertModzyError(postMultipart("/api/jobs/" + id + "/item/input.txt", KEY_B, multipart("input", "x")), 404,
        "NOT_FOUND", "");
    for (String path : List.of("/api/v1/jobs/" + id, "/api/v1/jobs/result-link/" + id)) {
      assertEnvelopeError(server.get(path, KEY_B), 404, "");
    }
    assertEnvelopeError(server.send("PUT", "/api/v1/jobs/" + id, KEY_B, "application/json",
        BodyPublishers.ofString("{\"name\": \"stolen\"}")), 404, "");

    assertThat(json(server.get("/api/jobs/history?per-page=1000", KEY_B)).findValuesAsText("jobIdentifier"))
        .doesNotContain(id);
    assertThat(json(server.get("/api/jobs/history?per-page=1000&accessKey=alpha", KEY_B)).size()).isZero();
    assertThat(json(server.get("/api/v1/jobs/latest?limit=1000", KEY_B)).path("data").findValuesAsText("id"))
        .doesNotContain(id);
    assertThat(json(server.get("/api/jobs/" + id, KEY_A)).path("name").asText()).isNotEqualTo("stolen");
  }
}
