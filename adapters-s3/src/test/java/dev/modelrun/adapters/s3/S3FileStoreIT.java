package dev.modelrun.adapters.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.io.ByteSource;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.port.out.FileStore;
import dev.modelrun.engine.testkit.FileStoreContract;
import dev.modelrun.engine.testkit.ResultStoreContract;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

class S3FileStoreIT extends FileStoreContract {
  private static final S3Server SERVER = S3Server.shared();
  private static final StaticCredentialsProvider KEY = StaticCredentialsProvider.create(
      AwsBasicCredentials.create(S3Server.ACCESS_KEY, S3Server.SECRET_KEY));
  private static final int PART = 5 * 1024 * 1024;
  private static S3Connections connections;
  private static S3Client client;
  private static S3Presigner presigner;
  private static String bucket;

  @BeforeAll
  static void connect() {
    connections = S3Connections.create(SERVER.settings());
    client = connections.serverClient(KEY);
    presigner = connections.serverPresigner(KEY);
    bucket = SERVER.newBucket();
  }

  @AfterAll
  static void disconnect() {
    presigner.close();
    client.close();
    connections.close();
  }

  @Override
  protected FileStore newStore() {
    return s3Store();
  }

  private static S3FileStore s3Store() {
    return new S3FileStore(client, presigner, S3ResultsLocation.parse("s3://" + bucket + "/files-"
        + UUID.randomUUID()), PART);
  }

  private static byte[] randomBytes(int size) {
    byte[] bytes = new byte[size];
    new Random(7).nextBytes(bytes);
    return bytes;
  }

  @Test
  void a_file_larger_than_a_part_is_uploaded_in_parts_and_reads_back_whole() throws Exception {
    S3FileStore files = s3Store();
    JobId job = JobId.of(UUID.randomUUID());
    byte[] content = randomBytes(2 * PART + 12_345);

    try (OutputStream out = files.create(job, "output.csv")) {
      for (int at = 0; at < content.length; at += 100_000) {
        out.write(content, at, Math.min(100_000, content.length - at));
      }
    }

    ByteSource stored = files.open(job, "output.csv").orElseThrow();
    assertThat(stored.size()).isEqualTo(content.length);
    assertThat(stored.contentEquals(ByteSource.wrap(content))).isTrue();
  }

  @Test
  void a_presigned_link_downloads_the_file_without_credentials_and_an_altered_one_is_refused() throws Exception {
    S3FileStore files = s3Store();
    JobId job = JobId.of(UUID.randomUUID());
    try (OutputStream out = files.create(job, "output.json")) {
      out.write("[{\"a\": 1}]".getBytes(StandardCharsets.UTF_8));
    }

    URI link = files.presignedLink(job, "output.json", S3FileStore.DEFAULT_LINK_VALIDITY);
    URI altered = URI.create(link.toString().replace("output.json", "output.jsoN"));

    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> download = http.send(HttpRequest.newBuilder(link).build(),
          HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> refused = http.send(HttpRequest.newBuilder(altered).build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(download.statusCode()).isEqualTo(200);
      assertThat(download.body()).isEqualTo("[{\"a\": 1}]");
      assertThat(refused.statusCode()).isEqualTo(403);
    }
    assertThat(link.getQuery()).contains("X-Amz-Expires=900").doesNotContain(S3Server.SECRET_KEY);
  }

  @Test
  void a_direct_link_downloads_the_file_from_s3_under_its_name_and_media_type() throws Exception {
    S3FileStore files = s3Store();
    JobId job = JobId.of(UUID.randomUUID());
    try (OutputStream out = files.create(job, "output")) {
      out.write("x,y\n1,2\n".getBytes(StandardCharsets.UTF_8));
    }

    URI link = files.directLink(job, "output", "points \"final\"-résultats.csv", "text/csv; header=present",
        Duration.ofMinutes(15)).orElseThrow();

    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> download = http.send(HttpRequest.newBuilder(link).build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(download.statusCode()).isEqualTo(200);
      assertThat(download.body()).isEqualTo("x,y\n1,2\n");
      assertThat(download.headers().firstValue("Content-Type")).contains("text/csv; header=present");
      assertThat(download.headers().firstValue("Content-Disposition")).contains("attachment; "
          + "filename=\"points _final_-r_sultats.csv\"; filename*=UTF-8''points%20%22final%22-r%C3%A9sultats.csv");
    }
    assertThat(link.getHost()).isEqualTo(SERVER.endpoint().getHost());
    assertThat(link.getQuery()).contains("X-Amz-Expires=900");
  }

  @Test
  void a_direct_link_asked_for_longer_than_s3_allows_is_valid_for_seven_days() {
    URI link = s3Store().directLink(JobId.of(UUID.randomUUID()), "output", "out.csv", "text/csv",
        Duration.ofDays(30)).orElseThrow();

    assertThat(link.getQuery()).contains("X-Amz-Expires=604800");
  }

  @Test
  void the_servers_storage_holds_results_and_files_in_one_location() throws Exception {
    S3ResultsLocation location = S3ResultsLocation.parse("s3://" + bucket + "/storage");
    JobId job = JobId.of(UUID.randomUUID());
    try (S3Storage storage = S3Storage.open(connections, location, KEY)) {
      try (OutputStream out = storage.files().create(job, "records")) {
        out.write(1);
      }
      storage.results().save(job, List.of(ResultStoreContract.success("a", "A")));

      assertThat(storage.files().open(job, "records")).isPresent();
      assertThat(storage.results().result(job, "a")).contains(ResultStoreContract.success("a", "A"));
    }
  }

  @Test
  void a_link_valid_for_longer_than_s3_allows_is_refused() {
    assertThatThrownBy(() -> s3Store().presignedLink(JobId.of(UUID.randomUUID()), "x", Duration.ofDays(8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 second to 7 days");
  }
}
