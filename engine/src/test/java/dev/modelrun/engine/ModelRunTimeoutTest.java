package dev.modelrun.engine;

import static dev.modelrun.engine.Fixtures.WAIT;
import static dev.modelrun.engine.Fixtures.eventually;
import static dev.modelrun.engine.Fixtures.items;
import static dev.modelrun.engine.Fixtures.text;
import static dev.modelrun.engine.testkit.Jobs.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelrun.core.model.InputData;
import dev.modelrun.core.model.ItemFailure;
import dev.modelrun.core.model.ItemResult;
import dev.modelrun.core.model.ItemSuccess;
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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ModelRunTimeoutTest {
  private final InMemoryResultStore results = new InMemoryResultStore();

  @Test
  void a_call_running_past_the_models_run_timeout_fails_its_item_and_the_next_item_runs() throws Exception {
    BlockingModel model = new BlockingModel("hanging", Duration.ofMillis(200));
    try (ModelRunEngine engine = ModelRunEngine.builder().model(model).resultStore(results).workers(1).build()) {
      JobId id = engine.submit(text(ALICE, model.descriptor().ref(),
          JobSpec.defaults().withTimeout(Duration.ofHours(1)), items(2))).job().job().id();

      Job ended = engine.await(id, WAIT);

      assertThat(ended.status()).isEqualTo(JobStatus.ERROR);
      assertThat(ended.counters().failed()).isEqualTo(2);
      assertThat(model.calls()).isEqualTo(2);
      assertThat(model.interrupted()).isEqualTo(2);
      List<ItemResult> items = results.results(id);
      assertThat(items).hasSize(2).allSatisfy(item -> assertThat(item).isInstanceOfSatisfying(ItemFailure.class,
          failure -> assertThat(failure.error()).isEqualTo("model call timed out after 200 ms")));
    }
  }

  @Test
  void a_job_whose_other_item_succeeds_after_a_timed_out_call_completes() throws Exception {
    BlockingModel model = new BlockingModel("hanging", Duration.ofSeconds(1));
    // why: a second long enough that the release below comes well before the second call's own timeout.
    try (ModelRunEngine engine = ModelRunEngine.builder().model(model).resultStore(results).workers(1).build()) {
      JobId id = engine.submit(text(ALICE, model.descriptor().ref(),
          JobSpec.defaults().withTimeout(Duration.ofHours(1)), items(2))).job().job().id();
      assertThat(eventually(() -> model.interrupted() == 1)).isTrue();
      model.release();

      Job ended = engine.await(id, WAIT);

      assertThat(ended.status()).isEqualTo(JobStatus.COMPLETED);
      assertThat(ended.counters().completed()).isEqualTo(1);
      assertThat(ended.counters().failed()).isEqualTo(1);
      assertThat(results.results(id)).filteredOn(ItemFailure.class::isInstance).singleElement()
          .isInstanceOfSatisfying(ItemFailure.class,
              failure -> assertThat(failure.error()).isEqualTo("model call timed out after 1000 ms"));
    }
  }

  @Test
  void each_call_of_a_worker_gets_its_whole_run_timeout_and_a_hanging_call_after_others_times_out()
      throws Exception {
    // why: the worker's timer, armed at the first call's deadline, fires while the second call runs; each call must
    // still have its own 2 s (the first two take 1.2 s each, the third hangs until it is timed out).
    SlowThenHangingModel model = new SlowThenHangingModel(Duration.ofSeconds(2), Duration.ofMillis(1_200), 2);
    try (ModelRunEngine engine = ModelRunEngine.builder().model(model).resultStore(results).workers(1).build()) {
      JobId id = engine.submit(text(ALICE, model.descriptor().ref(),
          JobSpec.defaults().withTimeout(Duration.ofHours(1)), items(3))).job().job().id();

      Job ended = engine.await(id, WAIT);

      assertThat(ended.counters().completed()).isEqualTo(2);
      assertThat(ended.counters().failed()).isEqualTo(1);
      assertThat(results.results(id)).filteredOn(ItemSuccess.class::isInstance).hasSize(2);
      assertThat(results.results(id)).filteredOn(ItemFailure.class::isInstance).singleElement()
          .isInstanceOfSatisfying(ItemFailure.class,
              failure -> assertThat(failure.error()).isEqualTo("model call timed out after 2000 ms"));
    }
  }

  /** Its first {@code slowCalls} calls answer after {@code slow}; later calls wait until they are interrupted. */
  private static final class SlowThenHangingModel implements ItemModel {
    private final ModelDescriptor descriptor;
    private final Duration slow;
    private final int slowCalls;
    private final AtomicInteger calls = new AtomicInteger();

    SlowThenHangingModel(Duration runTimeout, Duration slow, int slowCalls) {
      this.descriptor = EchoModel.descriptor(ModelRef.of("slow-then-hanging", "1.0.0"), false, runTimeout);
      this.slow = slow;
      this.slowCalls = slowCalls;
    }

    @Override
    public ModelDescriptor descriptor() {
      return descriptor;
    }

    @Override
    public Map<String, OutputValue> run(Map<String, InputData> inputs, boolean explain) throws Exception {
      if (calls.incrementAndGet() <= slowCalls) {
        Thread.sleep(slow);
        return Map.of("results.json", OutputValue.text("done"));
      }
      Thread.sleep(Long.MAX_VALUE);
      throw new AssertionError("not interrupted");
    }
  }
}
