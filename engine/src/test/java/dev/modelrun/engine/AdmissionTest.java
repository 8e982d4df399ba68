package dev.modelrun.engine;

import static dev.modelrun.engine.Fixtures.items;
import static dev.modelrun.engine.Fixtures.text;
import static dev.modelrun.engine.testkit.Jobs.ALICE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.io.ByteSource;
import dev.modelrun.core.model.FieldMapping;
import dev.modelrun.core.model.InvalidInputException;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.model.JobQuery;
import dev.modelrun.core.model.JobRequest;
import dev.modelrun.core.model.JobSpec;
import dev.modelrun.core.model.JobStatus;
import dev.modelrun.core.model.OverCapacityException;
import dev.modelrun.core.model.RecordFormat;
import dev.modelrun.core.model.UploadedFileInput;
import dev.modelrun.core.port.in.SubmitJobCommand;
import dev.modelrun.engine.testkit.BlockingModel;
import dev.modelrun.core.port.out.WorkQueue;
import dev.modelrun.engine.testkit.EchoModel;
import dev.modelrun.engine.testkit.Jobs;
import dev.modelrun.engine.testkit.TabularTestModel;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bound on waiting work: over it a submit is refused, asks for a retry, and stores nothing. */
class AdmissionTest {
  private static final int BOUND = 6;

  private final InMemoryJobStore jobs = new InMemoryJobStore();
  private final InMemoryInputStore inputs = new InMemoryInputStore();
  private final InMemoryFileStore files = new InMemoryFileStore();
  private final BlockingModel blocking = new BlockingModel();
  private final JobId nextId = JobId.of(UUID.randomUUID());
  private boolean nextIdUsed;
  private ModelRunEngine engine;

  @BeforeEach
  void startWithOneBusyWorker() throws InterruptedException {
    engine = ModelRunEngine.builder().model(blocking).model(new EchoModel()).model(new TabularTestModel())
        .jobStore(jobs).inputStore(inputs).fileStore(files).workers(1).maxQueuedItems(BOUND).recordsPerWorkUnit(256)
        .idGenerator(() -> {
          if (!nextIdUsed) {
            nextIdUsed = true;
            return nextId;
          }
          return JobId.of(UUID.randomUUID());
        })
        .build();
    nextIdUsed = true;
    engine.submit(text(blocking.descriptor().ref(), items(1)));
    assertThat(blocking.awaitStarted(1)).isTrue();
  }

  @AfterEach
  void stop() {
    blocking.release();
    engine.close();
  }

  @Test
  void a_submit_past_the_bound_is_refused_with_a_retry_and_stores_nothing() {
    engine.submit(text(EchoModel.DESCRIPTOR.ref(), items(5)));
    assertThat(jobs.backlog().queuedItems()).isEqualTo(5);
    long stored = jobCount();

    nextIdUsed = false;
    assertThatThrownBy(() -> engine.submit(text(EchoModel.DESCRIPTOR.ref(), items(2))))
        .isInstanceOf(OverCapacityException.class)
        .hasMessageContaining("5 items of work are waiting").hasMessageContaining("at most 6")
        .satisfies(e -> assertThat(((OverCapacityException) e).retryAfter()).isEqualTo(Duration.ofSeconds(2)));

    assertThat(jobCount()).isEqualTo(stored);
    assertThat(inputs.item(nextId, "item-1")).isEmpty();
    assertThat(jobs.backlog().queuedItems()).isEqualTo(5);
    engine.submit(text(EchoModel.DESCRIPTOR.ref(), items(1)));
    assertThat(jobs.backlog().queuedItems()).isEqualTo(6);
  }

  @Test
  void a_job_larger_than_the_bound_is_invalid_however_empty_the_queue() {
    assertThatThrownBy(() -> engine.submit(text(EchoModel.DESCRIPTOR.ref(), items(BOUND + 1))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("7 items of work, over the 6");
  }

  @Test
  void a_refused_chunked_job_stays_open_and_can_be_submitted_once_there_is_room() {
    engine.submit(text(EchoModel.DESCRIPTOR.ref(), items(5)));
    JobId open = engine.open(ALICE, EchoModel.DESCRIPTOR.ref(), JobSpec.defaults()).job().id();
    engine.appendChunk(ALICE, open, "a", "input.txt", "one".getBytes(UTF_8));
    engine.appendChunk(ALICE, open, "b", "input.txt", "two".getBytes(UTF_8));

    assertThatThrownBy(() -> engine.close(ALICE, open)).isInstanceOf(OverCapacityException.class);
    assertThat(engine.get(ALICE, open).job().status()).isEqualTo(JobStatus.OPEN);
  }

  @Test
  void a_file_refused_before_it_is_read_or_after_leaves_no_file_behind() {
    engine.submit(text(EchoModel.DESCRIPTOR.ref(), items(5)));
    long stored = jobCount();

    // one item of room, but 300 records make two units of work: refused after the pass over the file
    nextIdUsed = false;
    assertThatThrownBy(() -> engine.submit(upload(300))).isInstanceOf(OverCapacityException.class)
        .hasMessageContaining("5 items of work are waiting");
    assertThat(files.holds(nextId)).isFalse();
    assertThat(jobCount()).isEqualTo(stored);

    // no room at all: refused before the pass
    engine.submit(text(EchoModel.DESCRIPTOR.ref(), items(1)));
    nextIdUsed = false;
    assertThatThrownBy(() -> engine.submit(upload(2))).isInstanceOf(OverCapacityException.class)
        .hasMessageContaining("6 items of work are waiting");
    assertThat(files.holds(nextId)).isFalse();
    assertThat(jobCount()).isEqualTo(stored + 1);
  }

  @Test
  void an_unbounded_engine_takes_any_backlog() {
    try (ModelRunEngine unbounded = ModelRunEngine.builder().model(new EchoModel()).jobStore(jobs).workers(1)
        .build()) {
      unbounded.submit(text(EchoModel.DESCRIPTOR.ref(), items(BOUND * 10)));
    }
  }

  @Test
  void submits_within_a_tenth_of_a_second_share_one_reading_of_the_backlog_and_still_count_each_other() {
    InMemoryJobStore store = new InMemoryJobStore();
    AtomicInteger reads = new AtomicInteger();
    WorkQueue counted = (WorkQueue) Proxy.newProxyInstance(WorkQueue.class.getClassLoader(),
        new Class<?>[] {WorkQueue.class}, (proxy, method, args) -> {
          if (method.getName().equals("backlog")) {
            reads.incrementAndGet();
          }
          return method.invoke(store, args);
        });
    AtomicLong nanos = new AtomicLong();
    Admission admission = new Admission(counted, 10, nanos::get);

    admission.admit(4);
    store.create(Jobs.submitted().items(4).build(), Jobs.itemNames(4));
    admission.admit(4);
    store.create(Jobs.submitted().items(4).build(), Jobs.itemNames(4));
    assertThat(reads).hasValue(1);

    // the estimate (0 read + 8 admitted) leaves no room: read again before refusing
    assertThatThrownBy(() -> admission.admit(4)).isInstanceOf(OverCapacityException.class)
        .hasMessageContaining("8 items of work are waiting");
    assertThat(reads).hasValue(2);
    admission.admit(2);
    store.create(Jobs.submitted().items(2).build(), Jobs.itemNames(2));
    assertThat(reads).hasValue(2);

    nanos.addAndGet(Admission.FRESHNESS.toNanos() + 1);
    assertThatThrownBy(admission::admitAny).isInstanceOf(OverCapacityException.class)
        .hasMessageContaining("10 items of work are waiting");
    assertThat(reads).hasValue(3);
  }

  private static SubmitJobCommand upload(int records) {
    StringBuilder csv = new StringBuilder("x,y\n");
    for (int i = 0; i < records; i++) {
      csv.append(i).append(",1\n");
    }
    return SubmitJobCommand.of(ALICE, new JobRequest(TabularTestModel.DESCRIPTOR.ref(), JobSpec.defaults(),
        new UploadedFileInput("data.csv", RecordFormat.CSV_WITH_HEADER, ByteSource.wrap(csv.toString()
            .getBytes(UTF_8)), List.<FieldMapping>of(), List.<FieldMapping>of())));
  }

  private long jobCount() {
    return jobs.history(ALICE, JobQuery.all()).totalCount();
  }
}
