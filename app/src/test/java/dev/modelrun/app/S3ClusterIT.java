package dev.modelrun.app;

import static dev.modelrun.app.RunningServer.KEY_A;
import static dev.modelrun.app.RunningServer.json;
import static dev.modelrun.app.S3Fixture.S3;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two real servers on one PostgreSQL database (a schema of their own) and one S3 bucket for results (an in-process
 * s3proxy), as the README's scaling out runs them: what is submitted to one node is read through the other. Where
 * PostgreSQL is unreachable the test is skipped, except in CI ({@code CI=true}), where it fails.
 */
class S3ClusterIT {
  private static final String PG_URL = System.getenv().getOrDefault("MODELRUN_TEST_PG_URL",
      "jdbc:postgresql://127.0.0.1:5432/test");
  private static final String PG_USER = System.getenv().getOrDefault("MODELRUN_TEST_PG_USER", "postgres");
  private static final String PG_PASSWORD = System.getenv().getOrDefault("MODELRUN_TEST_PG_PASSWORD", "");
  private static final String SCHEMA = "mr_cluster_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

  private static String results;
  private static RunningServer nodeA;
  private static RunningServer nodeB;

  @BeforeAll
  static void start() throws SQLException {
    requirePostgres();
    execute("CREATE SCHEMA " + SCHEMA);
    S3Fixture.giveServerCredentials();
    results = S3.newBucket();
    Map<String, String> cluster = new HashMap<>(S3Fixture.environment("s3://" + results + "/cluster"));
    cluster.putAll(Map.of("MODELRUN_DB_URL", PG_URL + "?currentSchema=" + SCHEMA, "MODELRUN_DB_USER", PG_USER,
        "MODELRUN_DB_PASSWORD", PG_PASSWORD, "MODELRUN_LINK_SECRET", "the secret every node of this cluster shares"));
    cluster.put("MODELRUN_NODE_ID", "node-a");
    nodeA = RunningServer.configuredBy(cluster);
    cluster.put("MODELRUN_NODE_ID", "node-b");
    nodeB = RunningServer.configuredBy(cluster);
  }

  @AfterAll
  static void stop() throws SQLException {
    if (nodeB != null) {
      nodeB.close();
    }
    if (nodeA != null) {
      nodeA.close();
      execute("DROP SCHEMA " + SCHEMA + " CASCADE");
    }
    S3Fixture.takeServerCredentials();
  }

  @Test
  void a_folder_job_submitted_to_one_node_is_read_item_by_item_through_the_other() {
    String bucket = S3.newBucket();
    List<String> names = IntStream.range(0, 40).mapToObj(i -> "many/" + i + ".txt").toList();
    S3.putAll(bucket, names, name -> name.hashCode() % 2 == 0 ? "I love it" : "I hate it");

    HttpResponse<String> submitted = nodeA.postJson("/api/jobs", KEY_A, S3Fixture.folderJob(bucket, "many"));
    assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
    String id = json(submitted).path("jobIdentifier").asText();
    JsonNode done = nodeB.awaitEnd(KEY_A, id);

    assertThat(done.path("status").asText()).isEqualTo("COMPLETED");
    assertThat(done.path("completed").asInt()).isEqualTo(40);
    JsonNode all = json(nodeB.get("/api/results/" + id, KEY_A));
    assertThat(all.path("results").size()).isEqualTo(40);
    assertThat(all.path("failures").size()).isZero();
    JsonNode one = json(nodeB.get("/api/results/" + id + "/docs%2F7.txt", KEY_A));
    assertThat(one.path("status").asText()).isEqualTo("SUCCESSFUL");
    assertThat(one.path("results.json").path("data").path("result").path("classPredictions").get(0)
        .path("class").asText()).isEqualTo("many/7.txt".hashCode() % 2 == 0 ? "positive" : "negative");
    assertThat(S3.keys(results, "cluster/jobs/" + id + "/results/")).hasSize(40);
  }

  @Test
  void the_output_of_an_on_demand_job_submitted_to_one_node_is_linked_and_downloaded_through_the_other() {
    HttpResponse<String> created = nodeA.postMultipart("/api/v1/jobs", KEY_A, S3Fixture.csvJob());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = json(created).path("data").path("id").asText();
    assertThat(nodeB.awaitEnd(KEY_A, id).path("status").asText()).isEqualTo("COMPLETED");

    URI link = URI.create(json(nodeB.get("/api/v1/jobs/result-link/" + id, KEY_A)).path("data").asText());
    HttpResponse<String> download = nodeB.sendUnchecked(HttpRequest.newBuilder(link).GET().build());

    assertThat(link.getPort()).isEqualTo(S3.endpoint().getPort());
    assertThat(download.statusCode()).as(download.body()).isEqualTo(200);
    assertThat(download.body().lines()).containsExactly("a,b,c", "3,2,pos", "1,-12,neg", "5,0,pos");
    assertThat(download.headers().firstValue("Content-Type")).contains("text/csv; header=present");
  }

  private static void requirePostgres() {
    try (Connection connection = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD)) {
      connection.isValid(2);
    } catch (SQLException e) {
      String message = "PostgreSQL is unreachable at " + PG_URL + " as " + PG_USER + " (" + e.getMessage() + ")";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(message + ": in CI the cluster test must run");
      }
      Assumptions.abort(message + ": skipping the cluster test (set CI=true to make this a failure)");
    }
  }

  private static void execute(String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
