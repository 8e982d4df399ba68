package dev.modelrun.app;

import static dev.modelrun.app.RunningServer.KEY_A;
import static dev.modelrun.app.RunningServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelrun.adapters.oip.testkit.OipTestServer;
import dev.modelrun.adapters.oip.testkit.OipTestServer.Delay;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Models declared in a models file, run by the real server: remote ones on a real OIP model server started here, and
 * a logistic regression in process, through the Modzy jobs API and the on-demand CSV API.
 */
class ModelsFileIT {
  private OipTestServer modelServer;
  private RunningServer server;

  @BeforeEach
  void start() throws IOException {
    modelServer = OipTestServer.start();
    Path file = Files.createTempFile("models-", ".yaml");
    Files.writeString(file, """
        models:
          - identifier: remote-stats
            version: 1.0.0
            name: Remote Text Stats
            description: Counts and upper-cases text on a model server.
            inputs:
              - name: input.txt
                mediaTypes: [text/plain]
                maximumSize: 64KB
            outputs:
              - name: results.json
                mediaType: application/json
            explain: true
            pricing: {recordsPerGroup: 1, unitsPerGroup: 2}
            timeouts: {status: 10s, run: 5s}
            concurrency: 2
            runs:
              type: oip
              endpoint: %1$s
              model: text-stats
              retries: 2
              backoff: 10ms
              breaker: {failures: 3, openFor: 1m}
          - identifier: remote-stats-batched
            version: "1"
            name: Remote Text Stats, Batched
            inputs: [{name: input.txt}]
            outputs: [{name: results.json}]
            batchSize: 4
            runs: {type: oip, endpoint: %1$s, model: text-stats}
          - identifier: remote-adder
            version: "2"
            name: Remote Adder
            fields:
              - {name: x, type: number}
              - {name: y, type: number}
            outputFields:
              - {name: sum, type: number}
              - {name: sign, type: string}
            batchSize: 2
            runs: {type: oip, endpoint: %1$s, model: adder, version: "7", backoff: 10ms}
          - identifier: churn
            version: "1"
            name: Churn
            fields:
              - {name: age, type: integer}
              - {name: income, type: number}
            runs:
              type: logistic
              intercept: -3
              coefficients: {age: 0.25, income: -0.0001}
              labels: [stays, leaves]
        """.formatted(modelServer.uri()));
    server = RunningServer.configuredBy(Map.of("MODELRUN_MODELS", file.toString()));
  }

  @AfterEach
  void stop() {
    server.close();
    modelServer.close();
  }

  @Test
  void declared_models_are_listed_beside_the_built_in_ones() {
    JsonNode models = json(server.get("/api/models", KEY_A));
    assertThat(models.findValuesAsText("identifier"))
        .contains("ed542963de", "tabular-demo", "remote-stats", "remote-stats-batched", "remote-adder", "churn");
    JsonNode stats = json(server.get("/api/models/remote-stats/versions/1.0.0", KEY_A));
    assertThat(stats.toString()).contains("input.txt").contains("results.json");
    JsonNode churn = json(server.get("/api/models/churn/versions/1", KEY_A));
    assertThat(churn.toString()).contains("income").contains("label");
  }

  @Test
  void a_modzy_text_job_runs_on_the_model_server() {
    HttpResponse<String> response = server.postJson("/api/jobs", KEY_A,
        "{\"model\": {\"identifier\": \"remote-stats\", \"version\": \"1.0.0\"}, \"explain\": true,"
            + " \"input\": {\"type\": \"text\", \"sources\": {\"a\": {\"input.txt\": \"hello\"},"
            + " \"b\": {\"input.txt\": \"Grüße\"}}}}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    String id = json(response).path("jobIdentifier").asText();

    JsonNode job = server.awaitEnd(KEY_A, id);
    assertThat(job.path("status").asText()).isEqualTo("COMPLETED");
    assertThat(job.path("billedUsage").asLong()).isEqualTo(4);
    JsonNode results = json(server.get("/api/results/" + id, KEY_A)).path("results");
    assertThat(results.path("a").path("results.json").toString())
        .isEqualTo("{\"length\":5,\"upper\":\"HELLO\",\"explained\":true}");
    assertThat(results.path("b").path("results.json").path("upper").asText()).isEqualTo("GRÜSSE");
  }

  @Test
  void items_of_a_batching_model_go_several_to_a_request_and_each_gets_its_own_result() {
    String sources = IntStream.range(0, 40).mapToObj(i -> "\"item-" + i + "\": {\"input.txt\": \"text " + i + "\"}")
        .collect(Collectors.joining(", "));
    HttpResponse<String> response = server.postJson("/api/jobs", KEY_A,
        "{\"model\": {\"identifier\": \"remote-stats-batched\", \"version\": \"1\"},"
            + " \"input\": {\"type\": \"text\", \"sources\": {" + sources + "}}}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    String id = json(response).path("jobIdentifier").asText();

    assertThat(server.awaitEnd(KEY_A, id).path("status").asText()).isEqualTo("COMPLETED");
    JsonNode results = json(server.get("/api/results/" + id, KEY_A)).path("results");
    for (int i = 0; i < 40; i++) {
      assertThat(results.path("item-" + i).path("results.json").path("upper").asText()).isEqualTo("TEXT " + i);
    }
    // why: at most 4 items a request, so at least 10 requests (and 40 only if every claim held one item).
    assertThat(modelServer.inferCalls()).isBetween(10, 40);
  }

  @Test
  void an_on_demand_csv_job_runs_on_the_model_server_in_batches() {
    HttpResponse<String> created = server.postMultipart("/api/v1/jobs?wait=30", KEY_A,
        RunningServer.multipart("data", "{\"model\": \"remote-adder\", \"mimeType\": \"text/csv; header=present\"}",
            "file", "x,y\n1,2\n-3,4\n0.1,0.2\n1e2,-0.00000000000000000001\n7,7\n"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode job = json(created).path("data");
    assertThat(job.path("status").asText()).isEqualTo("success");

    assertThat(download(job.path("id").asText()).lines()).containsExactly("sum,sign", "3,pos", "1,pos", "0.3,pos",
        "99.99999999999999999999,pos", "14,pos");
    assertThat(modelServer.inferCalls()).isEqualTo(3);
  }

  @Test
  void an_on_demand_csv_job_runs_a_logistic_regression_exactly() {
    HttpResponse<String> created = server.postMultipart("/api/v1/jobs?wait=30", KEY_A,
        RunningServer.multipart("data", "{\"model\": \"churn\", \"mimeType\": \"text/csv; header=present\"}",
            "file", "age,income\n40,52000.37\n12,0\n"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode job = json(created).path("data");
    assertThat(job.path("status").asText()).as(created.body()).isEqualTo("success");

    double z = -3 + 0.25 * 40 - 0.0001 * 52000.37;
    assertThat(download(job.path("id").asText()).lines()).containsExactly("score,label",
        new BigDecimal(Double.toString(1 / (1 + Math.exp(-z)))).toPlainString() + ",leaves", "0.5,leaves");
  }

  @Test
  void a_model_server_that_goes_away_mid_job_fails_the_rest_of_the_items_and_the_job_ends() throws Exception {
    modelServer.failAlways(new Delay(Duration.ofMillis(150)));
    String sources = IntStream.range(0, 30).mapToObj(i -> "\"item-" + i + "\": {\"input.txt\": \"text " + i + "\"}")
        .collect(Collectors.joining(", "));
    HttpResponse<String> response = server.postJson("/api/jobs", KEY_A,
        "{\"model\": {\"identifier\": \"remote-stats\", \"version\": \"1.0.0\"},"
            + " \"input\": {\"type\": \"text\", \"sources\": {" + sources + "}}}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    String id = json(response).path("jobIdentifier").asText();
    awaitCompleted(id, 2);

    modelServer.close();

    JsonNode job = server.awaitEnd(KEY_A, id);
    assertThat(job.path("status").asText()).isEqualTo("COMPLETED");
    JsonNode results = json(server.get("/api/results/" + id, KEY_A));
    assertThat(results.path("completed").asInt()).isGreaterThanOrEqualTo(2);
    assertThat(results.path("failed").asInt()).isPositive();
    assertThat(results.path("completed").asInt() + results.path("failed").asInt()).isEqualTo(30);
    List<String> errors = results.path("failures").findValuesAsText("error");
    assertThat(errors).allSatisfy(error -> assertThat(error).startsWith("model server text-stats at "
        + modelServer.uri()).containsAnyOf("could not be reached", "is failing: calls to it are refused"));
    // why: once the breaker opened, the rest failed at once without waiting on the dead server.
    assertThat(errors).anySatisfy(error -> assertThat(error).contains("is failing: calls to it are refused"));
  }

  @Test
  void a_csv_job_whose_model_server_is_gone_ends_in_error_naming_the_rows_and_the_server() {
    modelServer.close();
    HttpResponse<String> created = server.postMultipart("/api/v1/jobs?wait=30", KEY_A,
        RunningServer.multipart("data", "{\"model\": \"remote-adder\", \"mimeType\": \"text/csv; header=present\"}",
            "file", "x,y\n1,2\n"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode job = json(created).path("data");

    assertThat(job.path("status").asText()).isEqualTo("error");
    assertThat(job.path("errorMessage").asText()).startsWith("rows 1-1: model server adder@7 at " + modelServer.uri()
        + " could not be reached");
  }

  private void awaitCompleted(String id, int count) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(30);
    while (json(server.get("/api/results/" + id, KEY_A)).path("completed").asInt() < count) {
      assertThat(Instant.now()).as("job %s completed %s items in time", id, count).isBefore(deadline);
      Thread.sleep(20);
    }
  }

  private String download(String id) {
    String link = json(server.get("/api/v1/jobs/result-link/" + id, KEY_A)).path("data").asText();
    HttpResponse<String> download = server.send(HttpRequest.newBuilder(URI.create(link)).GET().build());
    assertThat(download.statusCode()).as(download.body()).isEqualTo(200);
    return download.body();
  }
}
