package dev.modelrun.adapters.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelrun.core.model.CallerIdentity;
import dev.modelrun.core.model.InvalidInputException;
import dev.modelrun.core.model.Job;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.model.JobInput;
import dev.modelrun.core.model.JobQuery;
import dev.modelrun.core.model.JobRequest;
import dev.modelrun.core.model.JobSpec;
import dev.modelrun.core.model.JobStatus;
import dev.modelrun.core.model.ModelRef;
import dev.modelrun.core.model.S3FolderInput;
import dev.modelrun.core.model.S3Input;
import dev.modelrun.core.model.S3Location;
import dev.modelrun.core.port.in.JobResults;
import dev.modelrun.core.port.in.SubmitJobCommand;
import dev.modelrun.engine.ModelRunEngine;
import dev.modelrun.engine.testkit.BlockingModel;
import dev.modelrun.engine.testkit.EchoModel;
import dev.modelrun.engine.testkit.Jobs;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.options.GetOptions;
import org.jclouds.blobstore.util.ForwardingBlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Jobs of {@code aws-s3} and {@code aws-s3-folder} inputs through a real engine, reading a real S3 server. */
class S3EngineIT {
  private static final CallerIdentity CALLER = Jobs.ALICE;
  private static final S3Server SERVER = S3Server.shared();
  private static S3Connections connections;

  @BeforeAll
  static void connect() {
    connections = S3Connections.create(SERVER.settings());
  }

  @AfterAll
  static void disconnect() {
    connections.close();
  }

  private static ModelRunEngine.Builder engine(S3Connections s3) {
    return ModelRunEngine.builder()
        .inputSource(new S3ObjectInputSource(s3))
        .inputSource(new S3FolderInputSource(s3));
  }

  private static JobId submit(ModelRunEngine engine, ModelRef model, JobInput input) {
    return engine.submit(SubmitJobCommand.of(CALLER, new JobRequest(model, JobSpec.defaults(), input)))
        .job().job().id();
  }

  private static S3FolderInput folder(String reference, String bucket, String key) {
    return new S3FolderInput(S3Server.credentials(),
        Map.of(reference, Map.of("input.txt", new S3Location(bucket, key))));
  }

  @Test
  void a_folder_job_runs_the_model_on_every_object_below_the_folder() throws Exception {
    String bucket = SERVER.newBucket();
    SERVER.put(bucket, "texts/a.txt", "I love it");
    SERVER.put(bucket, "texts/sub/b.txt", "fail:the model refused it");
    SERVER.put(bucket, "texts/sub/deeper/c.txt", "deep");
    SERVER.put(bucket, "elsewhere/d.txt", "not in the job");

    try (ModelRunEngine engine = engine(connections).model(new EchoModel()).build()) {
      JobId id = submit(engine, EchoModel.DESCRIPTOR.ref(), folder("docs", bucket, "texts/"));
      Job done = engine.await(id, Duration.ofSeconds(20));
      JobResults results = engine.results(CALLER, id);

      assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
      assertThat(results.results()).containsOnlyKeys("docs/a.txt", "docs/sub/deeper/c.txt");
      assertThat(results.results().get("docs/a.txt").outputs().get("results.json").text()).isEqualTo("I love it");
      assertThat(results.failures()).containsOnlyKeys("docs/sub/b.txt");
      assertThat(results.failures().get("docs/sub/b.txt").error()).isEqualTo("the model refused it");
      assertThat(done.inputByteAmount()).isEqualTo(9 + 25 + 4);
    }
  }

  @Test
  void an_object_job_with_a_missing_key_is_refused_and_stores_nothing() throws Exception {
    String bucket = SERVER.newBucket();
    SERVER.put(bucket, "a.txt", "here");
    S3Input input = new S3Input(S3Server.credentials(), Map.of(
        "first", Map.of("input.txt", new S3Location(bucket, "a.txt")),
        "second", Map.of("input.txt", new S3Location(bucket, "missing.txt"))));

    try (ModelRunEngine engine = engine(connections).model(new EchoModel()).build()) {
      assertThatThrownBy(() -> submit(engine, EchoModel.DESCRIPTOR.ref(), input))
          .isInstanceOf(InvalidInputException.class)
          .hasMessage("input.sources.second.input.txt: no object s3://" + bucket + "/missing.txt");
      assertThat(engine.history(CALLER, JobQuery.all()).jobs()).isEmpty();
    }
  }

  @Test
  void an_object_gone_before_the_model_reads_it_fails_its_item_with_the_reason() throws Exception {
    String bucket = SERVER.newBucket();
    // why: listed in this order, so the one worker's first call (on a-kept, held by the model) runs before the
    // second object is deleted and read.
    SERVER.put(bucket, "in/a-kept.txt", "kept");
    SERVER.put(bucket, "in/b-gone.txt", "gone");
    BlockingModel model = new BlockingModel();

    try (ModelRunEngine engine = engine(connections).model(model).workers(1).build()) {
      JobId id = submit(engine, model.descriptor().ref(), folder("r", bucket, "in"));
      assertThat(model.awaitStarted(1)).isTrue();
      SERVER.admin().deleteObject(b -> b.bucket(bucket).key("in/b-gone.txt"));
      model.release();
      Job done = engine.await(id, Duration.ofSeconds(20));
      JobResults results = engine.results(CALLER, id);

      assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
      assertThat(results.results()).containsOnlyKeys("r/a-kept.txt");
      assertThat(results.failures().get("r/b-gone.txt").error())
          .isEqualTo("reading s3://" + bucket + "/in/b-gone.txt failed: no object s3://" + bucket + "/in/b-gone.txt");
    }
  }

  @Test
  void the_objects_of_a_job_are_read_several_at_once() throws Exception {
    int together = 8;
    ProbeBlobStore probe = new ProbeBlobStore(ContextBuilder.newBuilder("transient")
        .credentials("identity", "credential").build(BlobStoreContext.class).getBlobStore(), together);
    S3Server server = S3Server.start(probe);
    try (S3Connections s3 = S3Connections.create(server.settings());
        ModelRunEngine engine = engine(s3).model(new EchoModel()).workers(16).build()) {
      String bucket = server.newBucket();
      List<String> keys = IntStream.range(0, 300).mapToObj(i -> "many/" + i + ".txt").toList();
      server.putAll(bucket, keys, key -> key);

      JobId id = submit(engine, EchoModel.DESCRIPTOR.ref(), folder("r", bucket, "many"));
      Job done = engine.await(id, Duration.ofSeconds(60));

      assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
      assertThat(done.counters().completed()).isEqualTo(300);
      assertThat(probe.cameTogether()).as("%s reads were in flight at once", together).isTrue();
      assertThat(probe.maxInFlight()).isGreaterThanOrEqualTo(together);
    } finally {
      server.stop();
    }
  }

  /**
   * A blob store whose first {@code together} reads wait (up to 20 s) until that many are in flight at once: reads
   * made one by one would never get there.
   */
  private static final class ProbeBlobStore extends ForwardingBlobStore {
    private final CountDownLatch gathering;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile boolean cameTogether;

    ProbeBlobStore(BlobStore store, int together) {
      super(store);
      this.gathering = new CountDownLatch(together);
    }

    @Override
    public Blob getBlob(String container, String name, GetOptions options) {
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      try {
        if (gathering.getCount() > 0) {
          gathering.countDown();
          cameTogether = gathering.await(20, TimeUnit.SECONDS) || cameTogether;
        }
        return super.getBlob(container, name, options);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } finally {
        inFlight.decrementAndGet();
      }
    }

    boolean cameTogether() {
      return cameTogether;
    }

    int maxInFlight() {
      return maxInFlight.get();
    }
  }
}
