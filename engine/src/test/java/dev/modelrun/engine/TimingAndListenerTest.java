package dev.modelrun.engine;

import static dev.modelrun.engine.Fixtures.WAIT;
import static dev.modelrun.engine.Fixtures.items;
import static dev.modelrun.engine.Fixtures.text;
import static dev.modelrun.engine.testkit.Jobs.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelrun.core.model.ItemResult;
import dev.modelrun.core.model.Job;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.model.JobStatus;
import dev.modelrun.core.port.in.JobView;
import dev.modelrun.engine.testkit.BlockingModel;
import dev.modelrun.engine.testkit.EchoModel;
import dev.modelrun.engine.testkit.Jobs;
import dev.modelrun.engine.testkit.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimingAndListenerTest {
  @Test
  void queue_and_elapsed_time_come_from_the_stored_timestamps() throws Exception {
    MutableClock clock = new MutableClock(Jobs.T0);
    BlockingModel model = new BlockingModel();
    try (ModelRunEngine engine = ModelRunEngine.builder().model(model).clock(clock).workers(1).build()) {
      JobId first = engine.submit(text(model.descriptor().ref(), items(1))).job().job().id();
      assertThat(model.awaitStarted(1)).isTrue();
      JobId second = engine.submit(text(model.descriptor().ref(), items(1))).job().job().id();

      clock.advance(Duration.ofSeconds(5));
      JobView waiting = engine.get(ALICE, second);
      model.release();
      engine.await(first, WAIT);
      Job done = engine.await(second, WAIT);
      clock.advance(Duration.ofSeconds(60));
      JobView later = engine.get(ALICE, second);

      assertThat(waiting.queueTime()).isEqualTo(Duration.ofSeconds(5));
      assertThat(waiting.elapsedTime()).isEqualTo(Duration.ZERO);
      assertThat(done.started()).contains(Jobs.T0.plusSeconds(5));
      assertThat(later.queueTime()).isEqualTo(Duration.ofSeconds(5));
      assertThat(later.elapsedTime()).isEqualTo(Duration.ZERO);
      assertThat(engine.get(ALICE, first).elapsedTime()).isEqualTo(Duration.ofSeconds(5));
    }
  }

  @Test
  void a_listener_that_throws_does_not_stop_the_engine() throws Exception {
    JobListener failing = new JobListener() {
      @Override
      public void itemDone(Job job, ItemResult result) {
        throw new IllegalStateException("listener bug");
      }

      @Override
      public void finished(Job job) {
        throw new IllegalStateException("listener bug");
      }
    };
    try (ModelRunEngine engine = ModelRunEngine.builder().model(new EchoModel()).listener(failing).build()) {
      for (int i = 0; i < 3; i++) {
        JobId id = engine.submit(text(EchoModel.DESCRIPTOR.ref(), items(3))).job().job().id();
        assertThat(engine.await(id, WAIT).status()).isEqualTo(JobStatus.COMPLETED);
      }
    }
  }

  @Test
  void a_rename_racing_with_running_work_is_kept() throws Exception {
    try (ModelRunEngine engine = ModelRunEngine.builder().model(new EchoModel()).workers(2).build()) {
      JobId id = engine.submit(text(EchoModel.DESCRIPTOR.ref(), items(2_000))).job().job().id();
      for (int i = 0; i < 20; i++) {
        engine.rename(ALICE, id, "name-" + i);
      }
      Job done = engine.await(id, WAIT);

      assertThat(done.name()).isEqualTo("name-19");
      assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
      assertThat(done.counters().completed()).isEqualTo(2_000);
    }
  }
}
