package dev.modelrun.engine;

import static dev.modelrun.engine.Fixtures.WAIT;
import static dev.modelrun.engine.Fixtures.items;
import static dev.modelrun.engine.Fixtures.text;
import static dev.modelrun.engine.testkit.Jobs.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelrun.core.model.InputData;
import dev.modelrun.core.model.Job;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.model.JobSpec;
import dev.modelrun.core.model.JobStatus;
import dev.modelrun.core.model.ModelDescriptor;
import dev.modelrun.core.model.ModelRef;
import dev.modelrun.core.model.OutputValue;
import dev.modelrun.core.port.out.ItemModel;
import dev.modelrun.engine.testkit.BlockingModel;
import dev.modelrun.engine.testkit.EchoModel;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SchedulingTest {
  private final InMemoryJobStore jobs = new InMemoryJobStore();

  @Test
  void a_small_job_submitted_after_a_big_one_finishes_long_before_it() throws Exception {
    BlockingModel model = new BlockingModel();
    AtomicLong bigCompletedWhenSmallEnded = new AtomicLong(-1);
    JobId[] big = new JobId[1];
    JobListener listener = new JobListener() {
      @Override
      public void finished(Job job) {
        if (job.counters().total() == 1) {
          bigCompletedWhenSmallEnded.set(jobs.find(big[0]).orElseThrow().counters().completed());
        }
      }
    };
    try (ModelRunEngine engine = ModelRunEngine.builder().model(model).jobStore(jobs).listener(listener).workers(1)
        .build()) {
      big[0] = engine.submit(text(model.descriptor().ref(), items(10_000))).job().job().id();
      assertThat(model.awaitStarted(1)).isTrue();
      JobId small = engine.submit(text(model.descriptor().ref(), items(1))).job().job().id();
      model.release();

      assertThat(engine.await(small, WAIT).status()).isEqualTo(JobStatus.COMPLETED);
      assertThat(engine.await(big[0], WAIT).status()).isEqualTo(JobStatus.COMPLETED);
    }
    assertThat(bigCompletedWhenSmallEnded.get()).isBetween(1L, 100L);
  }

  @Test
  void the_highest_priority_runs_first() throws Exception {
    BlockingModel model = new BlockingModel();
    List<String> finished = new CopyOnWriteArrayList<>();
    JobListener listener = new JobListener() {
      @Override
      public void finished(Job job) {
        finished.add(job.name());
      }
    };
    try (ModelRunEngine engine = ModelRunEngine.builder().model(model).jobStore(jobs).listener(listener).workers(1)
        .build()) {
      JobId low = engine.submit(text(ALICE, model.descriptor().ref(), JobSpec.defaults().withName("low"),
          items(5))).job().job().id();
      assertThat(model.awaitStarted(1)).isTrue();
      JobId high = engine.submit(text(ALICE, model.descriptor().ref(),
          JobSpec.defaults().withName("high").withPriority(10), items(5))).job().job().id();
      model.release();

      engine.await(low, WAIT);
      engine.await(high, WAIT);
    }
    assertThat(finished).containsExactly("high", "low");
  }

  @Test
  void a_models_concurrency_limit_is_never_exceeded() throws Exception {
    CountingModel limited = new CountingModel("limited");
    CountingModel free = new CountingModel("free");
    try (ModelRunEngine engine = ModelRunEngine.builder().model(limited, 2).model(free).jobStore(jobs).workers(6)
        .build()) {
      List<JobId> ids = new CopyOnWriteArrayList<>();
      for (int i = 0; i < 6; i++) {
        ids.add(engine.submit(text(limited.descriptor().ref(), items(20))).job().job().id());
      }
      JobId other = engine.submit(text(free.descriptor().ref(), items(60))).job().job().id();
      for (JobId id : ids) {
        assertThat(engine.await(id, WAIT).status()).isEqualTo(JobStatus.COMPLETED);
      }
      assertThat(engine.await(other, WAIT).status()).isEqualTo(JobStatus.COMPLETED);
    }
    assertThat(limited.calls.get()).isEqualTo(120);
    assertThat(limited.maxRunning.get()).isBetween(1, 2);
  }

  @Test
  void an_idle_engine_runs_work_as_soon_as_it_is_submitted() throws Exception {
    try (ModelRunEngine engine = ModelRunEngine.builder().model(new EchoModel()).jobStore(jobs).workers(2)
        .build()) {
      for (int i = 0; i < 20; i++) {
        JobId id = engine.submit(text(EchoModel.DESCRIPTOR.ref(), items(1))).job().job().id();
        assertThat(engine.await(id, WAIT).status()).isEqualTo(JobStatus.COMPLETED);
      }
    }
  }

  /** Counts its calls and the most that ran at once; each call lasts about a millisecond. */
  private static final class CountingModel implements ItemModel {
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger maxRunning = new AtomicInteger();
    private final ModelDescriptor descriptor;

    CountingModel(String identifier) {
      this.descriptor = EchoModel.descriptor(ModelRef.of(identifier, "1.0.0"), false);
    }

    @Override
    public ModelDescriptor descriptor() {
      return descriptor;
    }

    @Override
    public Map<String, OutputValue> run(Map<String, InputData> inputs, boolean explain) throws Exception {
      calls.incrementAndGet();
      maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
      try {
        // why: long enough that the workers' calls overlap, so a broken limit shows.
        TimeUnit.MILLISECONDS.sleep(1);
        return Map.of("results.json", OutputValue.text("ok"));
      } finally {
        running.decrementAndGet();
      }
    }
  }
}
