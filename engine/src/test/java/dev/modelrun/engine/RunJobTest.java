package dev.modelrun.engine;

import static dev.modelrun.engine.Fixtures.WAIT;
import static dev.modelrun.engine.Fixtures.items;
import static dev.modelrun.engine.Fixtures.text;
import static dev.modelrun.engine.testkit.Jobs.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelrun.core.model.ConflictException;
import dev.modelrun.core.model.InputData;
import dev.modelrun.core.model.ItemFailure;
import dev.modelrun.core.model.Job;
import dev.modelrun.core.model.JobCounters;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.model.JobStatus;
import dev.modelrun.core.model.ModelDescriptor;
import dev.modelrun.core.model.ModelRef;
import dev.modelrun.core.model.NotFoundException;
import dev.modelrun.core.model.OutputValue;
import dev.modelrun.core.port.in.JobResults;
import dev.modelrun.core.port.out.ItemModel;
import dev.modelrun.engine.testkit.BlockingModel;
import dev.modelrun.engine.testkit.EchoModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RunJobTest {
  private final Fixtures.RecordingListener events = new Fixtures.RecordingListener();
  private final BlockingModel blocking = new BlockingModel();
  private final ModelRunEngine engine = ModelRunEngine.builder()
      .model(new EchoModel())
      .model(new MisbehavingModel())
      .model(blocking)
      .listener(events)
      .workers(2)
      .build();

  @AfterEach
  void close() {
    blocking.release();
    engine.close();
  }

  @Test
  void a_failing_item_fails_alone_with_the_models_message() throws Exception {
    Map<String, String> items = new LinkedHashMap<>();
    items.put("good", "fine");
    items.put("bad", "fail:the model could not read it");

    Job job = engine.await(submit(items), WAIT);
    JobResults results = engine.results(ALICE, job.id());

    assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(job.counters()).isEqualTo(new JobCounters(2, 0, 0, 1, 1));
    assertThat(results.results()).containsOnlyKeys("good");
    assertThat(results.failures().get("bad").error()).isEqualTo("the model could not read it");
    assertThat(engine.itemResult(ALICE, job.id(), "bad")).isInstanceOf(ItemFailure.class);
  }

  @Test
  void a_job_whose_items_all_fail_ends_in_error() throws Exception {
    Job job = engine.await(submit(Map.of("a", "fail:one", "b", "fail:two")), WAIT);

    assertThat(job.status()).isEqualTo(JobStatus.ERROR);
    assertThat(job.counters()).isEqualTo(new JobCounters(2, 0, 0, 0, 2));
    assertThat(job.errorMessage()).isNotBlank();
  }

  @Test
  void an_item_without_its_outputs_or_whose_model_throws_an_error_counts_as_failed() throws Exception {
    JobId id = engine.submit(text(MisbehavingModel.DESCRIPTOR.ref(), Map.of("silent", "no outputs",
        "broken", "assert"))).job().job().id();
    Job job = engine.await(id, WAIT);
    JobResults results = engine.results(ALICE, id);

    assertThat(job.status()).isEqualTo(JobStatus.ERROR);
    assertThat(job.counters()).isEqualTo(new JobCounters(2, 0, 0, 0, 2));
    assertThat(results.results()).isEmpty();
    assertThat(results.failures().get("silent").error()).contains("gave no output 'results.json'");
    assertThat(results.failures().get("broken").error()).isEqualTo("model invariant broken");
  }

  @Test
  void the_listener_hears_each_job_in_order() throws Exception {
    JobId id = submit(Map.of("only", "x"));
    engine.await(id, WAIT);

    assertThat(Fixtures.eventually(() -> events.of(id).size() == 4)).isTrue();
    assertThat(events.of(id)).containsExactly("submitted", "started", "item only", "finished COMPLETED");
  }

  @Test
  void results_are_partial_while_the_job_runs() throws Exception {
    JobId id = engine.submit(text(blocking.descriptor().ref(), items(3))).job().job().id();
    assertThat(blocking.awaitStarted(1)).isTrue();

    JobResults partial = engine.results(ALICE, id);
    Job notYet = engine.await(id, Duration.ofMillis(20));
    blocking.release();
    Job done = engine.await(id, WAIT);

    assertThat(partial.finished()).isFalse();
    assertThat(partial.results()).isEmpty();
    assertThat(notYet.status().isTerminal()).isFalse();
    assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(engine.results(ALICE, id).results()).containsOnlyKeys("item-1", "item-2", "item-3");
  }

  @Test
  void item_results_name_what_is_missing() throws Exception {
    JobId id = engine.submit(text(blocking.descriptor().ref(), items(1))).job().job().id();
    assertThat(blocking.awaitStarted(1)).isTrue();

    assertThatThrownBy(() -> engine.itemResult(ALICE, id, "item-1")).isInstanceOf(NotFoundException.class)
        .hasMessageContaining("has no result yet");
    assertThatThrownBy(() -> engine.itemResult(ALICE, id, "ghost")).isInstanceOf(NotFoundException.class)
        .hasMessageContaining("has no item 'ghost'");
  }

  @Test
  void a_result_link_waits_for_the_end_and_a_batch_job_has_no_output_file() throws Exception {
    JobId id = engine.submit(text(blocking.descriptor().ref(), items(1))).job().job().id();
    assertThat(blocking.awaitStarted(1)).isTrue();

    assertThatThrownBy(() -> engine.resultLink(ALICE, id)).isInstanceOf(ConflictException.class)
        .hasMessageContaining("has not finished");
    blocking.release();
    engine.await(id, WAIT);
    assertThatThrownBy(() -> engine.resultLink(ALICE, id)).isInstanceOf(NotFoundException.class)
        .hasMessageContaining("batch job").hasMessageContaining("no output file");
  }

  @Test
  void a_renamed_job_keeps_everything_else() throws Exception {
    JobId id = submit(Map.of("a", "x"));
    Job before = engine.await(id, WAIT);

    Job renamed = engine.rename(ALICE, id, "new name").job();

    assertThat(renamed.name()).isEqualTo("new name");
    assertThat(renamed.billing()).isEqualTo(before.billing());
    assertThat(renamed.counters()).isEqualTo(before.counters());
    assertThat(renamed.status()).isEqualTo(before.status());
  }

  private JobId submit(Map<String, String> items) {
    return engine.submit(text(EchoModel.DESCRIPTOR.ref(), items)).job().job().id();
  }

  /** Answers without outputs, or throws an {@link AssertionError} for the text {@code assert}. */
  private static final class MisbehavingModel implements ItemModel {
    static final ModelDescriptor DESCRIPTOR = EchoModel.descriptor(ModelRef.of("misbehaving", "1.0.0"), false);

    @Override
    public ModelDescriptor descriptor() {
      return DESCRIPTOR;
    }

    @Override
    public Map<String, OutputValue> run(Map<String, InputData> inputs, boolean explain) throws IOException {
      if (inputs.get("input.txt").content().asCharSource(StandardCharsets.UTF_8).read().equals("assert")) {
        throw new AssertionError("model invariant broken");
      }
      return Map.of();
    }
  }
}
