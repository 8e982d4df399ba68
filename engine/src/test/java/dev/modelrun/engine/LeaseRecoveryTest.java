package dev.modelrun.engine;

import static dev.modelrun.engine.Fixtures.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelrun.core.model.InputData;
import dev.modelrun.core.model.InputItem;
import dev.modelrun.core.model.Job;
import dev.modelrun.core.model.JobCounters;
import dev.modelrun.core.model.JobStatus;
import dev.modelrun.engine.testkit.EchoModel;
import dev.modelrun.engine.testkit.Jobs;
import dev.modelrun.engine.testkit.MutableClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeaseRecoveryTest {
  @Test
  void work_claimed_by_a_node_that_died_runs_here_once_its_lease_expires() throws Exception {
    InMemoryJobStore jobs = new InMemoryJobStore();
    InMemoryInputStore inputs = new InMemoryInputStore();
    MutableClock clock = new MutableClock(Jobs.T0);
    Jobs template = Jobs.submitted().items(3);
    Job job = template.build();
    jobs.create(job, template.names());
    inputs.put(job.id(), template.names().stream()
        .map(name -> new InputItem(name, Map.of("input.txt", InputData.text(name)))).toList());
    jobs.claim("dead-node", Map.of(EchoModel.DESCRIPTOR.ref(), 2), Jobs.T0, Duration.ofMinutes(1));

    try (ModelRunEngine engine = ModelRunEngine.builder().model(new EchoModel()).jobStore(jobs).inputStore(inputs)
        .clock(clock).lease(Duration.ofMinutes(1)).build()) {
      assertThat(Fixtures.eventually(() -> jobs.find(job.id()).orElseThrow().counters().completed() == 1))
          .isTrue();
      engine.runMaintenance();
      assertThat(jobs.find(job.id()).orElseThrow().counters()).isEqualTo(new JobCounters(3, 0, 2, 1, 0));

      clock.advance(Duration.ofMinutes(1).plusMillis(1));
      engine.runMaintenance();
      Job done = engine.await(job.id(), WAIT);

      assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
      assertThat(done.counters()).isEqualTo(new JobCounters(3, 0, 0, 3, 0));
    }
  }
}
