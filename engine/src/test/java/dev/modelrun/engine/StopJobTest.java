package dev.modelrun.engine;

import static dev.modelrun.engine.Fixtures.WAIT;
import static dev.modelrun.engine.Fixtures.eventually;
import static dev.modelrun.engine.Fixtures.items;
import static dev.modelrun.engine.Fixtures.text;
import static dev.modelrun.engine.testkit.Jobs.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelrun.core.model.IllegalTransitionException;
import dev.modelrun.core.model.ItemState;
import dev.modelrun.core.model.Job;
import dev.modelrun.core.model.JobCounters;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.model.JobSpec;
import dev.modelrun.core.model.JobStatus;
import dev.modelrun.engine.testkit.BlockingModel;
import dev.modelrun.engine.testkit.EchoModel;
import dev.modelrun.engine.testkit.Jobs;
import dev.modelrun.engine.testkit.MutableClock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StopJobTest {
  private final InMemoryJobStore jobs = new InMemoryJobStore();
  private final InMemoryResultStore results = new InMemoryResultStore();
  private final Fixtures.RecordingListener events = new Fixtures.RecordingListener();

  @Test
  void cancel_interrupts_the_running_call_and_drops_pending_work() throws Exception {
    BlockingModel model = new BlockingModel();
    try (ModelRunEngine engine = engine(model, java.time.Clock.systemUTC())) {
      JobId id = engine.submit(text(model.descriptor().ref(), items(5))).job().job().id();
      assertThat(model.awaitStarted(1)).isTrue();

      Job canceled = engine.cancel(ALICE, id).job();

      assertThat(canceled.status()).isEqualTo(JobStatus.CANCELED);
      assertThat(eventually(() -> model.running() == 0)).isTrue();
      assertThat(model.interrupted()).isEqualTo(model.calls()).isPositive();
      assertStoppedCleanly(id, 5);
      assertThatThrownBy(() -> engine.cancel(ALICE, id)).isInstanceOf(IllegalTransitionException.class);
      assertThat(events.of(id)).containsExactly("submitted", "started", "finished CANCELED");
    }
  }

  @Test
  void a_job_past_its_timeout_is_timed_out_by_the_sweep_and_its_call_interrupted() throws Exception {
    BlockingModel model = new BlockingModel();
    MutableClock clock = new MutableClock(Jobs.T0);
    try (ModelRunEngine engine = engine(model, clock)) {
      JobId id = engine.submit(text(ALICE, model.descriptor().ref(),
          JobSpec.defaults().withTimeout(Duration.ofSeconds(30)), items(4))).job().job().id();
      assertThat(model.awaitStarted(1)).isTrue();

      clock.advance(Duration.ofSeconds(29));
      engine.runMaintenance();
      assertThat(jobs.find(id).orElseThrow().status()).isEqualTo(JobStatus.IN_PROGRESS);
      clock.advance(Duration.ofSeconds(1));
      engine.runMaintenance();

      Job timedOut = jobs.find(id).orElseThrow();
      assertThat(timedOut.status()).isEqualTo(JobStatus.TIMEDOUT);
      assertThat(timedOut.errorMessage()).contains("timed out");
      assertThat(eventually(() -> model.running() == 0)).isTrue();
      assertThat(model.interrupted()).isEqualTo(model.calls()).isPositive();
      assertStoppedCleanly(id, 4);
    }
  }

  @Test
  void a_job_times_out_on_its_own_with_a_real_clock() throws Exception {
    BlockingModel model = new BlockingModel();
    try (ModelRunEngine engine = engine(model, java.time.Clock.systemUTC())) {
      JobId id = engine.submit(text(ALICE, model.descriptor().ref(),
          JobSpec.defaults().withTimeout(Duration.ofMillis(50)), items(2))).job().job().id();

      Job ended = engine.await(id, WAIT);

      assertThat(ended.status()).isEqualTo(JobStatus.TIMEDOUT);
      assertThat(eventually(() -> model.running() == 0)).isTrue();
    }
  }

  @Test
  void cancel_racing_with_completion_ends_each_job_exactly_once_with_counters_that_add_up() throws Exception {
    try (ModelRunEngine engine = ModelRunEngine.builder().model(new EchoModel()).jobStore(jobs)
        .resultStore(results).listener(events).workers(2).build()) {
      for (int round = 0; round < 300; round++) {
        JobId id = engine.submit(text(EchoModel.DESCRIPTOR.ref(), items(1 + round % 7))).job().job().id();
        try {
          assertThat(engine.cancel(ALICE, id).job().status()).isEqualTo(JobStatus.CANCELED);
        } catch (IllegalTransitionException e) {
          assertThat(e.from()).isIn(JobStatus.COMPLETED);
        }
        Job ended = engine.await(id, WAIT);
        assertThat(ended.status().isTerminal()).isTrue();
        assertThat(eventually(() -> events.of(id).stream().filter(e -> e.startsWith("finished")).count() == 1))
            .isTrue();
        assertThat(events.of(id).getFirst()).isEqualTo("submitted");
        assertThat(events.of(id).getLast()).startsWith("finished");
        JobCounters counters = ended.counters();
        assertThat(counters.pending() + counters.inProgress() + counters.completed() + counters.failed())
            .isEqualTo(counters.total());
        assertThat(counters.inProgress()).isZero();
        assertThat(results.results(id)).hasSize((int) (counters.completed() + counters.failed()));
      }
    }
    assertThat(events.all().stream().filter(e -> e.startsWith("finished")).count()).isEqualTo(300);
  }

  @Test
  void timeouts_racing_with_completion_end_each_job_exactly_once() throws Exception {
    try (ModelRunEngine engine = ModelRunEngine.builder().model(new EchoModel()).jobStore(jobs)
        .resultStore(results).listener(events).workers(2).build()) {
      for (int round = 0; round < 100; round++) {
        JobId id = engine.submit(text(ALICE, EchoModel.DESCRIPTOR.ref(),
            JobSpec.defaults().withTimeout(Duration.ofMillis(1)), items(1 + round % 5))).job().job().id();
        Job ended = engine.await(id, WAIT);
        assertThat(ended.status()).isIn(JobStatus.COMPLETED, JobStatus.TIMEDOUT);
        assertThat(eventually(() -> events.of(id).stream().filter(e -> e.startsWith("finished")).count() == 1))
            .isTrue();
        assertThat(results.results(id)).hasSize((int) (ended.counters().completed() + ended.counters().failed()));
      }
    }
  }

  // why: a call that a worker began before the cancel returned is interrupted by the cancel, though the model may
  // count it a moment later; a call that began after it would never be interrupted (nothing stops that job's calls
  // any more) and would wait on the model's gate for good. So every call must end, and every one interrupted.
  @Test
  void no_model_call_of_a_job_starts_after_its_cancel_returned_even_when_it_races_a_fresh_claim()
      throws Exception {
    BlockingModel model = new BlockingModel();
    int rounds = 300;
    try (ModelRunEngine engine = ModelRunEngine.builder().model(model).jobStore(jobs).resultStore(results)
        .workers(4).build()) {
      for (int round = 0; round < rounds; round++) {
        JobId id = engine.submit(text(model.descriptor().ref(), roundItems(round))).job().job().id();
        engine.cancel(ALICE, id);
      }

      assertThat(eventually(() -> model.running() == 0)).as("no call is left waiting").isTrue();
      assertThat(model.interrupted()).as("every call was stopped by its cancel").isEqualTo(model.calls());
    }
  }

  private static Map<String, String> roundItems(int round) {
    Map<String, String> items = new LinkedHashMap<>();
    for (int i = 1; i <= 3; i++) {
      items.put("item-" + i, "round-" + round + "-" + i);
    }
    return items;
  }

  @Test
  void no_deadline_timer_outlives_its_job_however_fast_the_job_ends() throws Exception {
    try (ModelRunEngine engine = ModelRunEngine.builder().model(new EchoModel()).jobStore(jobs)
        .resultStore(results).workers(2).build()) {
      for (int round = 0; round < 500; round++) {
        JobId id = engine.submit(text(EchoModel.DESCRIPTOR.ref(), items(1))).job().job().id();
        assertThat(engine.await(id, WAIT).status()).isEqualTo(JobStatus.COMPLETED);
      }

      assertThat(eventually(() -> engine.armedDeadlines() == 0)).isTrue();
    }
  }

  @Test
  void close_with_running_work_leaves_the_store_consistent() throws Exception {
    BlockingModel model = new BlockingModel();
    ModelRunEngine engine = ModelRunEngine.builder().model(model).jobStore(jobs).resultStore(results)
        .workers(2).build();
    JobId id = engine.submit(text(model.descriptor().ref(), items(10))).job().job().id();
    assertThat(model.awaitStarted(2)).isTrue();

    engine.close();

    Job job = jobs.find(id).orElseThrow();
    assertThat(job.status()).isEqualTo(JobStatus.IN_PROGRESS);
    assertThat(job.counters()).isEqualTo(new JobCounters(10, 10, 0, 0, 0));
    assertThat(model.interrupted()).isEqualTo(2);
    for (String item : Jobs.itemNames(10)) {
      assertThat(jobs.itemState(id, item)).contains(ItemState.QUEUED);
    }
    assertThat(results.results(id)).isEmpty();
    assertThatThrownBy(() -> engine.submit(text(model.descriptor().ref(), items(1))))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void a_new_engine_finishes_the_work_a_closed_one_handed_back() throws Exception {
    BlockingModel model = new BlockingModel();
    ModelRunEngine first = ModelRunEngine.builder().model(model).jobStore(jobs).resultStore(results).workers(2)
        .build();
    JobId id = first.submit(text(model.descriptor().ref(), items(4))).job().job().id();
    assertThat(model.awaitStarted(2)).isTrue();
    first.close();
    model.release();

    try (ModelRunEngine second = ModelRunEngine.builder().model(model).jobStore(jobs).resultStore(results)
        .inputStore(new InMemoryInputStore()).workers(2).build()) {
      second.runMaintenance();
      Job job = second.await(id, WAIT);
      assertThat(job.status().isTerminal()).isTrue();
      assertThat(job.counters().completed() + job.counters().failed()).isEqualTo(4);
    }
  }

  private ModelRunEngine engine(BlockingModel model, java.time.Clock clock) {
    return ModelRunEngine.builder().model(model).jobStore(jobs).resultStore(results).listener(events)
        .clock(clock).workers(2).build();
  }

  private void assertStoppedCleanly(JobId id, int total) throws InterruptedException {
    Job job = jobs.find(id).orElseThrow();
    assertThat(job.counters().total()).isEqualTo(total);
    assertThat(job.counters().inProgress()).isZero();
    assertThat(job.counters().pending() + job.counters().completed() + job.counters().failed()).isEqualTo(total);
    for (String item : Jobs.itemNames(total)) {
      assertThat(jobs.itemState(id, item).orElseThrow()).isIn(ItemState.DROPPED, ItemState.SUCCEEDED,
          ItemState.FAILED);
    }
    assertThat(eventually(() -> results.results(id).size() == job.counters().completed()
        + job.counters().failed())).isTrue();
    assertThat(List.of(job.status())).containsAnyOf(JobStatus.CANCELED, JobStatus.TIMEDOUT);
  }
}
