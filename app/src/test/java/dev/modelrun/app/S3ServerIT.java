package dev.modelrun.app;

import static dev.modelrun.app.RunningServer.KEY_A;
import static dev.modelrun.app.RunningServer.json;
import static dev.modelrun.app.S3Fixture.S3;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelrun.adapters.jdbc.JdbcConfig;
import dev.modelrun.adapters.s3.S3Server;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real server on its default store (an H2 file) with S3 inputs and results in S3 (an in-process s3proxy):
 * S3 items kept as references with sealed credentials, results in the bucket, and result links presigned by S3.
 */
class S3ServerIT {
  private static String results;
  private static RunningServer server;

  @BeforeAll
  static void start() {
    S3Fixture.giveServerCredentials();
    results = S3.newBucket();
    server = RunningServer.configuredBy(S3Fixture.environment("s3://" + results + "/single"));
  }

  @AfterAll
  static void stop() {
    server.close();
    S3Fixture.takeServerCredentials();
  }

  @Test
  void a_folder_job_reads_its_objects_when_it_runs_keeping_only_sealed_references_in_the_database()
      throws Exception {
    String bucket = S3.newBucket();
    S3.put(bucket, "texts/a.txt", "I love it, it is great");
    S3.put(bucket, "texts/sub/b.txt", "This is terrible, I hate it");

    HttpResponse<String> submitted = server.postJson("/api/jobs", KEY_A, S3Fixture.folderJob(bucket, "texts/"));
    assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
    String id = json(submitted).path("jobIdentifier").asText();
    assertThat(server.awaitEnd(KEY_A, id).path("status").asText()).isEqualTo("COMPLETED");

    JsonNode answer = json(server.get("/api/results/" + id, KEY_A)).path("results");
    assertThat(topClass(answer.path("docs/a.txt"))).isEqualTo("positive");
    assertThat(topClass(answer.path("docs/sub/b.txt"))).isEqualTo("negative");
    assertThat(S3.keys(results, "single/jobs/" + id + "/results/")).hasSize(2);
    List<StoredInput> stored = storedInputs(id);
    assertThat(stored).extracting(StoredInput::kind).containsOnly("aws-s3");
    assertThat(stored).hasSize(2).allSatisfy(input -> assertThat(input.content())
        .doesNotContain(S3Server.SECRET_KEY).doesNotContain(S3Server.ACCESS_KEY)
        .doesNotContain("I love it").doesNotContain("terrible"));
  }

  @Test
  void the_result_link_is_presigned_by_s3_and_downloads_the_output_file_from_it() {
    HttpResponse<String> created = server.postMultipart("/api/v1/jobs?wait=30", KEY_A, S3Fixture.csvJob());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = json(created).path("data").path("id").asText();

    URI link = URI.create(json(server.get("/api/v1/jobs/result-link/" + id, KEY_A)).path("data").asText());
    HttpResponse<String> download = server.sendUnchecked(HttpRequest.newBuilder(link).GET().build());

    assertThat(link.getPort()).isEqualTo(S3.endpoint().getPort());
    assertThat(link.getPath()).isEqualTo("/" + results + "/single/jobs/" + id + "/files/output");
    assertThat(link.getQuery()).contains("X-Amz-Expires=900").contains("X-Amz-Signature=");
    assertThat(download.statusCode()).as(download.body()).isEqualTo(200);
    assertThat(download.body().lines()).containsExactly("a,b,c", "3,2,pos", "1,-12,neg", "5,0,pos");
    assertThat(download.headers().firstValue("Content-Type")).contains("text/csv; header=present");
    assertThat(download.headers().firstValue("Content-Disposition")).hasValueSatisfying(disposition ->
        assertThat(disposition).startsWith("attachment; filename=\"records-results.csv\""));
  }

  private static String topClass(JsonNode item) {
    return item.path("results.json").path("data").path("result").path("classPredictions").get(0).path("class")
        .asText();
  }

  private record StoredInput(String kind, String content) {}

  // why: the server's H2 file is open in this JVM, so another connection to it shares the running database.
  private static List<StoredInput> storedInputs(String job) throws Exception {
    JdbcConfig store = JdbcConfig.h2File(server.dataDir);
    try (Connection connection = DriverManager.getConnection(store.url(), store.user(), store.password());
        PreparedStatement query = connection.prepareStatement(
            "SELECT reference_kind, content FROM mr_input WHERE job_id = ?")) {
      query.setObject(1, UUID.fromString(job));
      List<StoredInput> inputs = new ArrayList<>();
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          inputs.add(new StoredInput(rows.getString(1), new String(rows.getBytes(2), StandardCharsets.ISO_8859_1)));
        }
      }
      return inputs;
    }
  }
}
