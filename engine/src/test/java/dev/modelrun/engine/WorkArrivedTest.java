package dev.modelrun.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelrun.core.model.InputData;
import dev.modelrun.core.model.InputItem;
import dev.modelrun.core.model.Job;
import dev.modelrun.core.model.JobStatus;
import dev.modelrun.engine.testkit.EchoModel;
import dev.modelrun.engine.testkit.Jobs;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkArrivedTest {
  @Test
  void an_idle_engine_runs_work_another_node_queued_as_soon_as_it_is_told() throws Exception {
    InMemoryJobStore jobs = new InMemoryJobStore();
    InMemoryInputStore inputs = new InMemoryInputStore();
    // why: a maintenance interval of an hour means idle workers would not look at the store again on their own.
    try (ModelRunEngine engine = ModelRunEngine.builder().model(new EchoModel()).jobStore(jobs).inputStore(inputs)
        .maintenanceInterval(Duration.ofHours(1)).lease(Duration.ofHours(2)).build()) {
      // why: let the workers find the store empty and park before the other node queues its job.
      Thread.sleep(200);
      Jobs other = Jobs.submitted().model(EchoModel.DESCRIPTOR).items(3).at(Instant.now());
      Job job = other.build();
      inputs.put(job.id(), other.names().stream()
          .map(name -> new InputItem(name, Map.of("input.txt", InputData.text(name)))).toList());
      jobs.create(job, other.names());

      engine.workArrived();

      Job done = engine.await(job.id(), Duration.ofSeconds(20));
      assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
      assertThat(done.counters().completed()).isEqualTo(3);
    }
  }
}
