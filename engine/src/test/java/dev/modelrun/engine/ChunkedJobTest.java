package dev.modelrun.engine;

import static dev.modelrun.engine.Fixtures.WAIT;
import static dev.modelrun.engine.testkit.Jobs.ALICE;
import static dev.modelrun.engine.testkit.Jobs.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelrun.core.model.IllegalTransitionException;
import dev.modelrun.core.model.InvalidInputException;
import dev.modelrun.core.model.Job;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.model.JobNotFoundException;
import dev.modelrun.core.model.JobSpec;
import dev.modelrun.core.model.JobStatus;
import dev.modelrun.core.model.ModelRef;
import dev.modelrun.core.port.in.JobView;
import dev.modelrun.engine.testkit.EchoModel;
import dev.modelrun.engine.testkit.TabularTestModel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChunkedJobTest {
  private static final ModelRef ECHO = EchoModel.DESCRIPTOR.ref();
  private static final String INPUT = "input.txt";

  private final InMemoryJobStore jobs = new InMemoryJobStore();
  private final Fixtures.RecordingListener events = new Fixtures.RecordingListener();
  private final ModelRunEngine engine = ModelRunEngine.builder().model(new EchoModel()).model(new TabularTestModel())
      .jobStore(jobs).listener(events).maxItemsPerJob(2).build();

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void joins_chunks_in_order_and_runs_the_job_once_closed() throws Exception {
    JobId id = engine.open(ALICE, ECHO, JobSpec.defaults()).job().id();
    engine.appendChunk(ALICE, id, "a", INPUT, bytes("hel"));
    engine.appendChunk(ALICE, id, "b", INPUT, bytes("other"));
    engine.appendChunk(ALICE, id, "a", INPUT, bytes("lo"));
    assertThat(engine.get(ALICE, id).job().status()).isEqualTo(JobStatus.OPEN);

    JobView closed = engine.close(ALICE, id);
    Job done = engine.await(id, WAIT);

    assertThat(closed.job().status()).isEqualTo(JobStatus.SUBMITTED);
    assertThat(closed.inputNames()).containsExactly("a", "b");
    assertThat(closed.job().inputByteAmount()).isEqualTo(10);
    assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(engine.results(ALICE, id).results().get("a").outputs().get("results.json").text())
        .isEqualTo("hello");
    assertThat(Fixtures.eventually(() -> events.of(id).size() == 5)).isTrue();
    assertThat(events.of(id)).startsWith("submitted", "started").endsWith("finished COMPLETED")
        .contains("item a", "item b");
  }

  @Test
  void refuses_chunks_past_the_input_size_the_item_limit_or_for_unknown_inputs() {
    JobId id = engine.open(ALICE, ECHO, JobSpec.defaults()).job().id();
    engine.appendChunk(ALICE, id, "a", INPUT, new byte[EchoModel.MAX_SIZE]);

    assertThatThrownBy(() -> engine.appendChunk(ALICE, id, "a", INPUT, new byte[1]))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("maximum of 1024 bytes");
    engine.appendChunk(ALICE, id, "b", INPUT, bytes("x"));
    assertThatThrownBy(() -> engine.appendChunk(ALICE, id, "c", INPUT, bytes("x")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("more than 2 items");
    assertThatThrownBy(() -> engine.appendChunk(ALICE, id, "a", "image", bytes("x")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("not an input of model");
  }

  @Test
  void close_validates_like_submit_and_leaves_the_job_open_when_it_refuses() {
    JobId id = engine.open(ALICE, ECHO, JobSpec.defaults()).job().id();

    assertThatThrownBy(() -> engine.close(ALICE, id)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("no inputs");
    assertThat(engine.get(ALICE, id).job().status()).isEqualTo(JobStatus.OPEN);
  }

  @Test
  void an_open_job_can_be_canceled_and_then_takes_no_more_chunks() {
    JobId id = engine.open(ALICE, ECHO, JobSpec.defaults()).job().id();
    engine.appendChunk(ALICE, id, "a", INPUT, bytes("x"));

    assertThat(engine.cancel(ALICE, id).job().status()).isEqualTo(JobStatus.CANCELED);
    assertThat(events.of(id)).containsExactly("finished CANCELED");
    assertThatThrownBy(() -> engine.appendChunk(ALICE, id, "a", INPUT, bytes("y")))
        .isInstanceOf(IllegalTransitionException.class);
    assertThatThrownBy(() -> engine.close(ALICE, id)).isInstanceOf(IllegalTransitionException.class);
  }

  @Test
  void a_closed_job_takes_no_more_chunks() {
    JobId id = engine.open(ALICE, ECHO, JobSpec.defaults()).job().id();
    engine.appendChunk(ALICE, id, "a", INPUT, bytes("x"));
    engine.close(ALICE, id);

    assertThatThrownBy(() -> engine.appendChunk(ALICE, id, "a", INPUT, bytes("y")))
        .isInstanceOf(IllegalTransitionException.class);
  }

  @Test
  void another_caller_cannot_touch_an_open_job() {
    JobId id = engine.open(ALICE, ECHO, JobSpec.defaults()).job().id();

    assertThatThrownBy(() -> engine.appendChunk(BOB, id, "a", INPUT, bytes("x")))
        .isInstanceOf(JobNotFoundException.class);
    assertThatThrownBy(() -> engine.close(BOB, id)).isInstanceOf(JobNotFoundException.class);
    assertThatThrownBy(() -> engine.cancel(BOB, id)).isInstanceOf(JobNotFoundException.class);
  }

  @Test
  void a_tabular_model_takes_no_chunked_job() {
    assertThatThrownBy(() -> engine.open(ALICE, TabularTestModel.DESCRIPTOR.ref(), JobSpec.defaults()))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("tabular");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
