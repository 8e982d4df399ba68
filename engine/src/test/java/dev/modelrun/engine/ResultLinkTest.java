package dev.modelrun.engine;

import static dev.modelrun.engine.Fixtures.WAIT;
import static dev.modelrun.engine.testkit.Jobs.ALICE;
import static dev.modelrun.engine.testkit.Jobs.BOB;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.io.ByteSource;
import dev.modelrun.core.model.ConflictException;
import dev.modelrun.core.model.InvalidLinkException;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.model.JobNotFoundException;
import dev.modelrun.core.model.JobRequest;
import dev.modelrun.core.model.JobSpec;
import dev.modelrun.core.model.RecordFormat;
import dev.modelrun.core.model.UploadedFileInput;
import dev.modelrun.core.port.in.OutputFile;
import dev.modelrun.core.port.in.SubmitJobCommand;
import dev.modelrun.core.port.out.FileStore;
import dev.modelrun.engine.testkit.MutableClock;
import dev.modelrun.engine.testkit.RecordsTestModel;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ResultLinkTest {
  private static final byte[] SECRET = "0123456789abcdef0123456789abcdef-test".getBytes(UTF_8);
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00.250Z");

  private final MutableClock clock = new MutableClock(NOW);
  private final RecordsTestModel model = new RecordsTestModel(2);
  private final ModelRunEngine engine = ModelRunEngine.builder().model(model).clock(clock)
      .resultLinks(URI.create("https://models.example.com/"), SECRET).workers(2).build();

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void a_link_is_signed_over_job_and_expiry_and_valid_for_fifteen_minutes() throws Exception {
    JobId id = finishedJob();
    URI link = engine.resultLink(ALICE, id);

    long expires = NOW.getEpochSecond() + 15 * 60;
    assertThat(link).hasToString("https://models.example.com/downloads/" + id + "?expires=" + expires + "&sig="
        + hmac(id + "\n" + expires));
    OutputFile file = engine.download(id, expires, hmac(id + "\n" + expires));
    assertThat(file.fileName()).isEqualTo("scores-results.csv");
    assertThat(file.mediaType()).isEqualTo("text/csv; header=present");
    assertThat(file.content().asCharSource(UTF_8).read()).isEqualTo("id,label,flipped,double\n1,a!,false,2\n");
  }

  @Test
  void an_altered_job_expiry_or_signature_is_refused() throws Exception {
    JobId id = finishedJob();
    JobId other = finishedJob();
    long expires = NOW.getEpochSecond() + 900;
    String signature = hmac(id + "\n" + expires);

    assertThatThrownBy(() -> engine.download(other, expires, signature)).isInstanceOf(InvalidLinkException.class)
        .hasMessageContaining("not valid");
    assertThatThrownBy(() -> engine.download(id, expires + 3600, signature))
        .isInstanceOf(InvalidLinkException.class);
    String flipped = (signature.charAt(0) == '0' ? "1" : "0") + signature.substring(1);
    assertThatThrownBy(() -> engine.download(id, expires, flipped)).isInstanceOf(InvalidLinkException.class);
    assertThatThrownBy(() -> engine.download(id, expires, "not hex")).isInstanceOf(InvalidLinkException.class);
    assertThatThrownBy(() -> engine.download(id, expires, signature.substring(2)))
        .isInstanceOf(InvalidLinkException.class);
    assertThat(engine.download(id, expires, signature.toUpperCase(java.util.Locale.ROOT)).fileName())
        .as("hex in either case").isEqualTo("scores-results.csv");
  }

  @Test
  void an_expired_link_is_refused_and_a_new_one_works() throws Exception {
    JobId id = finishedJob();
    URI link = engine.resultLink(ALICE, id);
    long expires = Long.parseLong(link.getQuery().replaceAll(".*expires=(\\d+).*", "$1"));
    String signature = link.getQuery().replaceAll(".*sig=([0-9a-f]+).*", "$1");

    clock.advance(Duration.ofMinutes(15).minusMillis(250));
    assertThat(engine.download(id, expires, signature).fileName()).as("still in its last second").isNotBlank();
    clock.advance(Duration.ofSeconds(1));
    assertThatThrownBy(() -> engine.download(id, expires, signature)).isInstanceOf(InvalidLinkException.class)
        .hasMessageContaining("expired");
    URI fresh = engine.resultLink(ALICE, id);
    assertThat(fresh).isNotEqualTo(link);
  }

  @Test
  void a_valid_link_to_an_unfinished_job_is_a_conflict_and_others_get_no_link() throws Exception {
    model.blocking();
    JobId id = submit();
    assertThat(model.awaitStarted()).isTrue();
    long expires = NOW.getEpochSecond() + 60;

    assertThatThrownBy(() -> engine.download(id, expires, hmac(id + "\n" + expires)))
        .isInstanceOf(ConflictException.class).hasMessageContaining("has not finished");
    assertThatThrownBy(() -> engine.resultLink(BOB, id)).isInstanceOf(JobNotFoundException.class);
    JobId unknown = JobId.of(UUID.randomUUID());
    assertThatThrownBy(() -> engine.download(unknown, expires, hmac(unknown + "\n" + expires)))
        .isInstanceOf(JobNotFoundException.class);
    model.release();
  }

  @Test
  void downloads_of_an_ended_job_keep_nothing_of_it_in_memory() throws Exception {
    PlanReadCounting files = new PlanReadCounting(new InMemoryFileStore());
    try (ModelRunEngine counted = ModelRunEngine.builder().model(model).clock(clock).fileStore(files)
        .resultLinks(URI.create("https://models.example.com/"), SECRET).workers(2).build()) {
      JobId id = counted.submit(SubmitJobCommand.of(ALICE, request())).job().job().id();
      counted.await(id, WAIT);
      long expires = NOW.getEpochSecond() + 900;
      int readsWhileRunning = files.planReads.get();

      for (int i = 0; i < 3; i++) {
        counted.download(id, expires, hmac(id + "\n" + expires)).content().read();
      }

      // why: a plan cached again after the job's end would stay for the life of the node, one per job downloaded
      assertThat(files.planReads.get() - readsWhileRunning).as("plan reads, one per download").isEqualTo(3);
    }
  }

  /** The engine's in-memory file store, counting how often a job's plan is read from it. */
  private static final class PlanReadCounting implements FileStore {
    private final FileStore store;
    private final AtomicInteger planReads = new AtomicInteger();

    PlanReadCounting(FileStore store) {
      this.store = store;
    }

    @Override
    public OutputStream create(JobId job, String name) throws IOException {
      return store.create(job, name);
    }

    @Override
    public Optional<ByteSource> open(JobId job, String name) {
      if (name.equals(JobFiles.PLAN)) {
        planReads.incrementAndGet();
      }
      return store.open(job, name);
    }

    @Override
    public void delete(JobId job, String name) {
      store.delete(job, name);
    }

    @Override
    public void deleteAll(JobId job) {
      store.deleteAll(job);
    }
  }

  @Test
  void a_short_secret_is_refused() {
    assertThatThrownBy(() -> ModelRunEngine.builder().resultLinks(URI.create("http://x"), new byte[16]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 32 bytes");
  }

  private JobId finishedJob() throws InterruptedException {
    JobId id = submit();
    engine.await(id, WAIT);
    return id;
  }

  private JobId submit() {
    return engine.submit(SubmitJobCommand.of(ALICE, request())).job().job().id();
  }

  private static JobRequest request() {
    return new JobRequest(RecordsTestModel.DESCRIPTOR.ref(), JobSpec.defaults(), new UploadedFileInput("scores.csv",
        RecordFormat.CSV_WITH_HEADER, ByteSource.wrap("id,name,ok,score\n1,a,true,1\n".getBytes(UTF_8)), List.of(),
        List.of()));
  }

  private static String hmac(String message) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(message.getBytes(UTF_8)));
  }
}
