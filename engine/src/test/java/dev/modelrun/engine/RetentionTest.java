package dev.modelrun.engine;

import static dev.modelrun.engine.Fixtures.WAIT;
import static dev.modelrun.engine.Fixtures.items;
import static dev.modelrun.engine.Fixtures.text;
import static dev.modelrun.engine.testkit.Jobs.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelrun.core.model.JobId;
import dev.modelrun.core.model.JobSpec;
import dev.modelrun.core.model.JobStatus;
import dev.modelrun.engine.testkit.BlockingModel;
import dev.modelrun.engine.testkit.EchoModel;
import dev.modelrun.engine.testkit.Jobs;
import dev.modelrun.engine.testkit.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetentionTest {
  private final MutableClock clock = new MutableClock(Jobs.T0);
  private final InMemoryInputStore inputs = new InMemoryInputStore();

  @Test
  void inputs_are_deleted_hours_delete_input_after_the_job_ends_and_not_before() throws Exception {
    try (ModelRunEngine engine = ModelRunEngine.builder().model(new EchoModel()).inputStore(inputs).clock(clock)
        .build()) {
      JobId id = engine.submit(text(ALICE, EchoModel.DESCRIPTOR.ref(), JobSpec.defaults().withHoursDeleteInput(2),
          items(3))).job().job().id();
      assertThat(engine.await(id, Fixtures.WAIT).status()).isEqualTo(JobStatus.COMPLETED);

      clock.advance(Duration.ofHours(2).minusSeconds(1));
      engine.runMaintenance();
      assertThat(inputs.holds(id)).isTrue();

      clock.advance(Duration.ofSeconds(1));
      engine.runMaintenance();
      assertThat(inputs.holds(id)).isFalse();
      assertThat(engine.results(ALICE, id).results()).hasSize(3);
    }
  }

  @Test
  void inputs_of_a_running_job_are_kept_however_old_it_is() throws Exception {
    BlockingModel model = new BlockingModel();
    try (ModelRunEngine engine = ModelRunEngine.builder().model(model).inputStore(inputs).clock(clock).build()) {
      JobId id = engine.submit(text(ALICE, model.descriptor().ref(),
          JobSpec.defaults().withHoursDeleteInput(0).withTimeout(Duration.ofDays(30)), items(2))).job().job().id();
      assertThat(model.awaitStarted(1)).isTrue();

      clock.advance(Duration.ofDays(2));
      engine.runMaintenance();

      assertThat(inputs.holds(id)).isTrue();
      model.release();
      assertThat(engine.await(id, WAIT).status()).isEqualTo(JobStatus.COMPLETED);
    }
  }

  @Test
  void inputs_of_a_canceled_job_are_deleted_after_its_hours_too() throws Exception {
    BlockingModel model = new BlockingModel();
    try (ModelRunEngine engine = ModelRunEngine.builder().model(model).inputStore(inputs).clock(clock).build()) {
      JobId id = engine.submit(text(ALICE, model.descriptor().ref(), JobSpec.defaults().withHoursDeleteInput(1),
          items(2))).job().job().id();
      engine.cancel(ALICE, id);

      engine.runMaintenance();
      assertThat(inputs.holds(id)).isTrue();
      clock.advance(Duration.ofHours(1));
      engine.runMaintenance();
      assertThat(inputs.holds(id)).isFalse();
    }
  }
}
