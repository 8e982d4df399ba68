package dev.modelrun.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelrun.adapters.jdbc.JdbcConfig;
import dev.modelrun.adapters.jdbc.JdbcStores;
import dev.modelrun.adapters.s3.S3Connections;
import dev.modelrun.adapters.s3.S3FolderInputSource;
import dev.modelrun.adapters.s3.S3Server;
import dev.modelrun.core.model.Job;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.model.JobRequest;
import dev.modelrun.core.model.JobSpec;
import dev.modelrun.core.model.JobStatus;
import dev.modelrun.core.model.S3FolderInput;
import dev.modelrun.core.model.S3Location;
import dev.modelrun.core.port.in.JobResults;
import dev.modelrun.core.port.in.SubmitJobCommand;
import dev.modelrun.engine.ModelRunEngine;
import dev.modelrun.engine.testkit.EchoModel;
import dev.modelrun.engine.testkit.Jobs;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An {@code aws-s3-folder} job through the server's own stores (an H2 file; S3 items kept as references, read when
 * they run), on one worker: the objects are slow to read, yet a claim holds many items, and their objects are read
 * together rather than one by one as the model reads them.
 */
class S3ReferencedBatchesIT {
  private static final byte[] SECRET = "the test's server secret, of 32 bytes or more".getBytes(StandardCharsets.UTF_8);

  @TempDir
  Path dataDir;

  @Test
  void a_claim_of_slow_small_objects_holds_many_items_whose_objects_are_read_together() throws Exception {
    int objects = 200;
    int together = 8;
    // why: every read takes longer than the model's whole claim target (5 ms): a claim sized by the read would hold
    // one item, and reads made one by one (one worker) would never have 8 in flight.
    ProbeBlobStore probe = new ProbeBlobStore(ContextBuilder.newBuilder("transient")
        .credentials("identity", "credential").build(BlobStoreContext.class).getBlobStore(), together, 6);
    S3Server server = S3Server.start(probe);
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    try (S3Connections s3 = S3Connections.create(server.settings(), SECRET);
        JdbcStores stores = JdbcStores.open(JdbcConfig.h2File(dataDir), null, List.of(s3.inputReferences()));
        ModelRunEngine engine = ModelRunEngine.builder().model(new EchoModel(), 1).workers(1)
            .inputSource(new S3FolderInputSource(s3)).jobStore(stores.jobStore()).inputStore(stores.inputStore())
            .resultStore(stores.resultStore()).meterRegistry(meters).build()) {
      stores.onNewWork(engine::workArrived);
      String bucket = server.newBucket();
      List<String> keys = IntStream.range(0, objects).mapToObj(i -> "many/%03d.txt".formatted(i)).toList();
      server.putAll(bucket, keys, key -> "text of " + key);

      JobId id = engine.submit(SubmitJobCommand.of(Jobs.ALICE, new JobRequest(EchoModel.DESCRIPTOR.ref(),
          JobSpec.defaults(), new S3FolderInput(S3Server.credentials(),
              Map.of("r", Map.of("input.txt", new S3Location(bucket, "many/"))))))).job().job().id();
      Job done = engine.await(id, Duration.ofSeconds(120));
      JobResults results = engine.results(Jobs.ALICE, id);
      double claims = meters.find("modelrun.store.claim").tag("result", "claimed").timer().count();

      assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
      assertThat(done.counters().completed()).isEqualTo(objects);
      assertThat(results.results().get("r/137.txt").outputs().get("results.json").text())
          .isEqualTo("text of many/137.txt");
      // why: claims sized by the reads would each hold one item (200 claims). Sized by the model alone they grow to
      // hundreds, but only as the pace estimate settles: a cold first call (class loading, no JIT yet) on a busy
      // machine keeps the first dozen or so claims small, so the bound leaves room for that.
      assertThat(claims).as("claims for %s items", objects).isLessThanOrEqualTo(objects / 4);
      assertThat(probe.cameTogether()).as("%s reads were in flight at once", together).isTrue();
      assertThat(probe.reads()).isEqualTo(objects);
    } finally {
      server.stop();
    }
  }

  /**
   * A blob store whose reads each take {@code delayMillis}, and whose reads after the first (the first claim holds one
   * item: the engine knows nothing of the model yet) wait, up to 5 s, until {@code together} of them are in flight.
   */
  private static final class ProbeBlobStore extends ForwardingBlobStore {
    private final CountDownLatch gathering;
    private final long delayMillis;
    private final AtomicInteger reads = new AtomicInteger();
    private volatile boolean cameTogether;

    ProbeBlobStore(BlobStore store, int together, long delayMillis) {
      super(store);
      this.gathering = new CountDownLatch(together);
      this.delayMillis = delayMillis;
    }

    @Override
    public Blob getBlob(String container, String name, GetOptions options) {
      try {
        TimeUnit.MILLISECONDS.sleep(delayMillis);
        if (reads.incrementAndGet() > 1 && gathering.getCount() > 0) {
          gathering.countDown();
          cameTogether = gathering.await(5, TimeUnit.SECONDS) || cameTogether;
        }
        return super.getBlob(container, name, options);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    boolean cameTogether() {
      return cameTogether;
    }

    int reads() {
      return reads.get();
    }
  }
}
