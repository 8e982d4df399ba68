package dev.modelrun.adapters.http;

import static dev.modelrun.adapters.http.TestServer.KEY_A;
import static dev.modelrun.adapters.http.TestServer.KEY_B;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ModzyRoutesTest {
  static final String TIME = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}[+-]\\d{2}:\\d{2}";
  static final ObjectMapper MAPPER = new ObjectMapper();
  static TestServer server;

  @BeforeAll
  static void start() {
    server = new TestServer();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static JsonNode json(HttpResponse<String> response) {
    try {
      return MAPPER.readTree(response.body());
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + response.body(), e);
    }
  }

  static String textJob(String text) {
    return "{\"model\": {\"identifier\": \"echo\", \"version\": \"1.0.0\"}, \"explain\": false, \"timeout\": 60000,"
        + " \"input\": {\"type\": \"text\", \"sources\": {\"my-item\": {\"input.txt\": \"" + text + "\"}}}}";
  }

  static JsonNode submit(String key, String text) {
    return submit(server, key, text);
  }

  static JsonNode submit(TestServer server, String key, String text) {
    HttpResponse<String> response = server.postJson("/api/jobs", key, textJob(text));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return json(response);
  }

  static JsonNode awaitEnd(String key, String id) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(20);
    while (Instant.now().isBefore(deadline)) {
      JsonNode job = json(server.get("/api/jobs/" + id, key));
      if (Set.of("COMPLETED", "ERROR", "CANCELED", "TIMEDOUT").contains(job.path("status").asText())) {
        return job;
      }
      Thread.sleep(Duration.ofMillis(20));
    }
    throw new AssertionError("job " + id + " did not end");
  }

  @Test
  void submits_a_text_job_and_answers_the_job_object_with_201() {
    JsonNode job = submit(KEY_A, "I love it");

    assertThat(job.path("jobIdentifier").asText()).hasSize(36);
    assertThat(job.path("status").asText()).isIn("SUBMITTED", "IN_PROGRESS", "COMPLETED");
    assertThat(job.path("model").path("identifier").asText()).isEqualTo("echo");
    assertThat(job.path("model").path("version").asText()).isEqualTo("1.0.0");
    assertThat(job.path("model").path("name").asText()).isEqualTo("Echo");
    assertThat(job.path("submittedBy").asText()).isEqualTo("keya");
    assertThat(job.path("accessKey").asText()).isEqualTo("keya");
    assertThat(job.path("accountIdentifier").asText()).isEqualTo("acme");
    assertThat(job.path("team").path("identifier").asText()).isEqualTo("team-a");
    assertThat(job.path("user").path("identifier").asText()).isEqualTo("alice");
    assertThat(job.path("jobType").asText()).isEqualTo("batch");
    assertThat(job.path("timeout").asLong()).isEqualTo(60000);
    assertThat(job.path("jobInputs").path("identifier").get(0).asText()).isEqualTo("my-item");
    assertThat(job.path("totalInputs").asInt()).isEqualTo(1);
    assertThat(job.path("total").asInt()).isEqualTo(1);
    assertThat(job.path("createdAt").asText()).matches(TIME);
    assertThat(job.path("submittedAt").asText()).matches(TIME);
    assertThat(job.path("updatedAt").asText()).matches(TIME);
    assertThat(job.path("queueTime").isNumber()).isTrue();
    assertThat(job.path("elapsedTime").isNumber()).isTrue();
    assertThat(job.path("inputByteAmount").asLong()).isEqualTo(9);
    assertThat(job.has("billedUsage")).isTrue();
    assertThat(job.toString()).doesNotContain("secret");
  }

  @Test
  void runs_the_job_and_serves_its_results_per_item_and_per_output() throws Exception {
    String id = submit(KEY_A, "hello").path("jobIdentifier").asText();

    JsonNode done = awaitEnd(KEY_A, id);
    assertThat(done.path("status").asText()).isEqualTo("COMPLETED");
    assertThat(done.path("completed").asInt()).isEqualTo(1);

    JsonNode results = json(server.get("/api/results/" + id, KEY_A));
    assertThat(results.path("finished").asBoolean()).isTrue();
    assertThat(results.path("failures").isObject()).isTrue();
    JsonNode item = results.path("results").path("my-item");
    assertThat(item.path("status").asText()).isEqualTo("SUCCESSFUL");
    assertThat(item.path("results.json").path("echo").asText()).isEqualTo("hello");
    assertThat(item.path("startTime").asText()).matches(TIME);

    JsonNode one = json(server.get("/api/results/" + id + "/my-item", KEY_A));
    assertThat(one.path("results.json").path("echo").asText()).isEqualTo("hello");

    HttpResponse<String> output = server.get("/api/results/" + id + "/my-item/results.json", KEY_A);
    assertThat(output.statusCode()).isEqualTo(200);
    assertThat(output.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    assertThat(output.body()).isEqualTo("{\"echo\":\"hello\"}");

    HttpResponse<String> jsSdkRoute = server.get("/api/results/" + id + "/datasource/my-item/output/results.json",
        KEY_A);
    assertThat(jsSdkRoute.body()).isEqualTo("{\"echo\":\"hello\"}");
  }

  @Test
  void a_failed_item_is_listed_under_failures_and_the_job_is_an_error() throws Exception {
    String id = submit(KEY_A, "fail").path("jobIdentifier").asText();

    assertThat(awaitEnd(KEY_A, id).path("status").asText()).isEqualTo("ERROR");
    JsonNode failure = json(server.get("/api/results/" + id, KEY_A)).path("failures").path("my-item");
    assertThat(failure.path("status").asText()).isEqualTo("FAILED");
    assertThat(failure.path("error").asText()).contains("asked to fail");
    assertThat(server.get("/api/results/" + id + "/my-item/results.json", KEY_A).statusCode()).isEqualTo(404);
  }

  @Test
  void cancels_a_running_job_and_refuses_to_cancel_it_twice() {
    String id = submit(KEY_A, "sleep").path("jobIdentifier").asText();

    HttpResponse<String> canceled = server.delete("/api/jobs/" + id, KEY_A);
    assertThat(canceled.statusCode()).as(canceled.body()).isEqualTo(200);
    assertThat(json(canceled).path("status").asText()).isEqualTo("CANCELED");

    HttpResponse<String> again = server.delete("/api/jobs/" + id, KEY_A);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(json(again).path("status").asText()).isEqualTo("CONFLICT");
    assertThat(json(again).path("statusCode").asInt()).isEqualTo(409);
  }

  @Test
  void another_key_gets_404_for_the_job_in_every_route_and_never_sees_it_in_history() throws Exception {
    String id = submit(KEY_A, "mine").path("jobIdentifier").asText();
    awaitEnd(KEY_A, id);

    for (String path : new String[] {"/api/jobs/" + id, "/api/results/" + id, "/api/results/" + id + "/my-item",
        "/api/results/" + id + "/my-item/results.json"}) {
      HttpResponse<String> response = server.get(path, KEY_B);
      assertThat(response.statusCode()).as(path).isEqualTo(404);
      assertThat(json(response).path("status").asText()).isEqualTo("NOT_FOUND");
    }
    assertThat(server.delete("/api/jobs/" + id, KEY_B).statusCode()).isEqualTo(404);
    assertThat(server.postJson("/api/jobs/" + id + "/close", KEY_B, "{}").statusCode()).isEqualTo(404);
    JsonNode history = json(server.get("/api/jobs/history?per-page=1000", KEY_B));
    assertThat(history.findValuesAsText("jobIdentifier")).doesNotContain(id);
    assertThat(json(server.get("/api/jobs/history?per-page=1000", KEY_A)).findValuesAsText("jobIdentifier"))
        .contains(id);
  }

  @Test
  void history_pages_newest_first_with_total_count_and_links() {
    String first = submit(KEY_B, "one").path("jobIdentifier").asText();
    String second = submit(KEY_B, "two").path("jobIdentifier").asText();

    HttpResponse<String> page = server.get("/api/jobs/history?per-page=1&page=1&direction=desc", KEY_B);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(json(page).get(0).path("jobIdentifier").asText()).isEqualTo(second);
    assertThat(Long.parseLong(page.headers().firstValue("X-Total-Count").orElseThrow())).isGreaterThanOrEqualTo(2);
    assertThat(page.headers().firstValue("Link").orElseThrow()).contains("rel=\"next\"").contains("page=2");

    HttpResponse<String> ascending = server.get("/api/jobs/history?per-page=1000&direction=ASC&sort-by=createdAt"
        + "&status=all&model=echo&user=bob&accessKey=keyb", KEY_B);
    assertThat(json(ascending).findValuesAsText("jobIdentifier")).containsSubsequence(first, second);
  }

  @Test
  void history_reads_a_space_in_a_time_as_a_plus_and_refuses_a_bad_time() {
    submit(KEY_A, "dated");
    HttpResponse<String> spaced = server.get("/api/jobs/history?startDate=2020-01-01T00:00:00.000%2000:00", KEY_A);
    assertThat(spaced.statusCode()).as(spaced.body()).isEqualTo(200);
    assertThat(json(spaced).size()).isGreaterThan(0);

    HttpResponse<String> future = server.get("/api/jobs/history?startDate=2999-01-01T00:00:00Z", KEY_A);
    assertThat(json(future).size()).isZero();

    HttpResponse<String> bad = server.get("/api/jobs/history?startDate=yesterday", KEY_A);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json(bad).path("message").asText()).contains("startDate");
  }

  @Test
  void a_repeated_idempotency_key_answers_the_first_job_with_200_and_a_changed_body_with_409() {
    var request = server.request("/api/jobs", KEY_A).header("Content-Type", "application/json")
        .header("Idempotency-Key", "key-123");
    HttpResponse<String> first = server.send(request.POST(BodyPublishers.ofString(textJob("same"))).build());
    HttpResponse<String> repeat = server.send(request.POST(BodyPublishers.ofString(textJob("same"))).build());
    HttpResponse<String> changed = server.send(request.POST(BodyPublishers.ofString(textJob("other"))).build());

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(repeat.statusCode()).isEqualTo(200);
    assertThat(json(repeat).path("jobIdentifier").asText()).isEqualTo(json(first).path("jobIdentifier").asText());
    assertThat(changed.statusCode()).isEqualTo(409);
  }

  @Test
  void a_chunked_upload_opens_appends_in_any_cut_and_closes_the_job() throws Exception {
    HttpResponse<String> opened = server.postJson("/api/jobs", KEY_A,
        "{\"model\": {\"identifier\": \"echo\", \"version\": \"1.0.0\"}}");
    assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
    assertThat(json(opened).path("status").asText()).isEqualTo("OPEN");
    String id = json(opened).path("jobIdentifier").asText();

    byte[] text = "héllo chunks".getBytes(StandardCharsets.UTF_8);
    for (int[] cut : new int[][] {{0, 2}, {2, 7}, {7, text.length}}) {
      byte[] chunk = java.util.Arrays.copyOfRange(text, cut[0], cut[1]);
      byte[] body = new Multipart().file("input", "input.txt", null, chunk).build();
      HttpResponse<String> appended = server.send("POST", "/api/jobs/" + id + "/item-1/input.txt", KEY_A,
          Multipart.contentType(), BodyPublishers.ofByteArray(body));
      assertThat(appended.statusCode()).as(appended.body()).isEqualTo(200);
    }
    HttpResponse<String> closed = server.postJson("/api/jobs/" + id + "/close", KEY_A, "{}");
    assertThat(closed.statusCode()).as(closed.body()).isEqualTo(200);
    assertThat(json(closed).path("status").asText()).isIn("SUBMITTED", "IN_PROGRESS", "COMPLETED");

    assertThat(awaitEnd(KEY_A, id).path("status").asText()).isEqualTo("COMPLETED");
    JsonNode output = json(server.get("/api/results/" + id + "/item-1", KEY_A));
    assertThat(output.path("results.json").path("echo").asText()).isEqualTo("héllo chunks");
  }

  @Test
  void a_chunk_over_one_mebibyte_is_refused_with_413_even_under_the_body_limit() {
    try (TestServer roomy = new TestServer(4 * 1024 * 1024)) {
      String id = json(roomy.postJson("/api/jobs", KEY_A, "{\"model\": {\"identifier\": \"echo\"}}"))
          .path("jobIdentifier").asText();
      byte[] body = new Multipart().file("input", "blob", "application/octet-stream",
          new byte[EdgeSettings.CHUNK_BYTES + 1]).build();
      HttpResponse<String> response = roomy.send("POST", "/api/jobs/" + id + "/item/input.txt", KEY_A,
          Multipart.contentType(), BodyPublishers.ofByteArray(body));
      assertThat(response.statusCode()).isEqualTo(413);
      assertThat(json(response).path("status").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
      assertThat(json(response).path("message").asText()).contains("part 'input'");
    }
  }

  @Test
  void features_announce_binary_one_megabyte_chunks() {
    JsonNode features = json(server.get("/api/jobs/features", KEY_A));
    assertThat(features.path("inputChunkMaximumSize").asText()).isEqualTo("1MB");
    assertThat(features.path("maximumInputChunks").asInt()).isPositive();
    assertThat(features.path("maximumInputsPerJob").asInt()).isEqualTo(100);
  }

  @Test
  void models_list_describe_and_version_routes_answer() {
    JsonNode models = json(server.get("/api/models", KEY_A));
    assertThat(models.get(0).path("identifier").asText()).isEqualTo("echo");
    assertThat(models.get(0).path("modelId").asText()).isEqualTo("echo");
    assertThat(models.get(0).path("latestVersion").asText()).isEqualTo("1.0.0");
    assertThat(json(server.get("/api/models/echo", KEY_A)).path("versions").get(0).asText()).isEqualTo("1.0.0");
    JsonNode version = json(server.get("/api/models/echo/versions/1.0.0", KEY_A));
    assertThat(version.path("version").asText()).isEqualTo("1.0.0");
    assertThat(version.path("timeout").path("run").asLong()).isEqualTo(60000);
    assertThat(version.path("inputs").get(0).path("name").asText()).isEqualTo("input.txt");
    assertThat(version.path("outputs").get(0).path("mediaType").asText()).isEqualTo("application/json");
    assertThat(version.path("pricing").path("recordsPerGroup").asInt()).isEqualTo(1);
    assertThat(json(server.get("/api/models/echo/versions", KEY_A)).get(0).path("version").asText())
        .isEqualTo("1.0.0");
    assertThat(server.get("/api/models/nope", KEY_A).statusCode()).isEqualTo(404);
    assertThat(server.get("/api/models/echo/versions/9.9.9", KEY_A).statusCode()).isEqualTo(404);
  }

  @Test
  void a_job_without_a_version_runs_the_latest_version() {
    HttpResponse<String> response = server.postJson("/api/jobs", KEY_A,
        "{\"model\": {\"identifier\": \"echo\"}, \"input\": {\"type\": \"text\", \"sources\": {\"a\": "
            + "{\"input.txt\": \"x\"}}}}");
    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(json(response).path("model").path("version").asText()).isEqualTo("1.0.0");
  }
}
