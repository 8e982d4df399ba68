package dev.modelrun.adapters.s3;

import static dev.modelrun.engine.testkit.ResultStoreContract.failure;
import static dev.modelrun.engine.testkit.ResultStoreContract.success;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelrun.core.model.ItemResult;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.port.out.ResultStore;
import dev.modelrun.engine.testkit.ResultStoreContract;
import java.util.List;
import java.util.UUID;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

class S3ResultStoreIT extends ResultStoreContract {
  private static final S3Server SERVER = S3Server.shared();
  private static final StaticCredentialsProvider KEY = StaticCredentialsProvider.create(
      AwsBasicCredentials.create(S3Server.ACCESS_KEY, S3Server.SECRET_KEY));
  private static S3Connections nodeA;
  private static S3Connections nodeB;
  private static S3Client clientA;
  private static S3Client clientB;
  private static String bucket;

  @BeforeAll
  static void connect() {
    nodeA = S3Connections.create(SERVER.settings());
    nodeB = S3Connections.create(SERVER.settings());
    clientA = nodeA.serverClient(KEY);
    clientB = nodeB.serverClient(KEY);
    bucket = SERVER.newBucket();
  }

  @AfterAll
  static void disconnect() {
    clientA.close();
    clientB.close();
    nodeA.close();
    nodeB.close();
  }

  @Override
  protected ResultStore newStore() {
    return new S3ResultStore(clientA, S3ResultsLocation.parse("s3://" + bucket + "/run-" + UUID.randomUUID()));
  }

  @Test
  void results_written_by_one_node_are_read_and_deleted_through_another() {
    S3ResultsLocation shared = S3ResultsLocation.parse("s3://" + bucket + "/shared/results");
    S3ResultStore writer = new S3ResultStore(clientA, shared);
    S3ResultStore reader = new S3ResultStore(clientB, shared);
    JobId job = JobId.of(UUID.randomUUID());
    String longName = "folder/" + "x".repeat(1_000);

    writer.save(job, List.<ItemResult>of(success("docs/a.txt", "A"), failure(longName, "boom")));

    assertThat(reader.results(job)).containsExactlyInAnyOrder(success("docs/a.txt", "A"), failure(longName, "boom"));
    assertThat(reader.result(job, longName)).contains(failure(longName, "boom"));
    reader.delete(job);
    assertThat(writer.results(job)).isEmpty();
  }

  @Test
  void results_are_deleted_one_by_one_on_a_server_that_refuses_batch_deletes() throws Exception {
    S3Server strict = S3Server.startStrict(ContextBuilder.newBuilder("transient")
        .credentials("identity", "credential").build(BlobStoreContext.class).getBlobStore());
    try (S3Connections node = S3Connections.create(strict.settings()); S3Client client = node.serverClient(KEY)) {
      S3ResultStore store = new S3ResultStore(client, S3ResultsLocation.parse("s3://" + strict.newBucket() + "/r"));
      JobId job = JobId.of(UUID.randomUUID());
      store.save(job, List.<ItemResult>of(success("a", "A"), success("b", "B"), success("c", "C")));

      store.delete(job, List.of("a"));
      assertThat(store.results(job)).containsExactlyInAnyOrder(success("b", "B"), success("c", "C"));
      store.delete(job);
      assertThat(store.results(job)).isEmpty();
    } finally {
      strict.stop();
    }
  }

  @Test
  void results_live_under_the_configured_prefix() {
    S3ResultsLocation location = S3ResultsLocation.parse("s3://" + bucket + "/some/prefix");
    JobId job = JobId.of(UUID.randomUUID());

    new S3ResultStore(clientA, location).save(job, List.<ItemResult>of(success("a", "A")));

    assertThat(SERVER.admin().listObjectsV2(b -> b.bucket(bucket).prefix("some/prefix/jobs/" + job + "/results/"))
        .contents()).hasSize(1);
  }
}
