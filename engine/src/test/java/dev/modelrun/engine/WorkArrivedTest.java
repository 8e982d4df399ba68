package dev.modelrun.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelrun.core.model.InputData;
import dev.modelrun.core.model.InputItem;
import dev.modelrun.core.model.Job;
import dev.modelrun.core.model.JobStatus;
import dev.modelrun.core.model.ModelDescriptor;
import dev.modelrun.core.model.ModelRef;
import dev.modelrun.core.model.OutputValue;
import dev.modelrun.core.port.out.ItemModel;
import dev.modelrun.engine.testkit.EchoModel;
import dev.modelrun.engine.testkit.Jobs;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
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
      Job job = queueAsAnotherNode(jobs, inputs, EchoModel.DESCRIPTOR, 3);

      engine.workArrived();

      Job done = engine.await(job.id(), Duration.ofSeconds(20));
      assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
      assertThat(done.counters().completed()).isEqualTo(3);
    }
  }

  @Test
  void of_the_idle_workers_one_at_a_time_looks_at_the_store() throws Exception {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    // why: idle workers look every maintenance interval: 20 ms, so 500 ms of 8 idle workers looking on their own
    // would be about 200 looks.
    try (ModelRunEngine engine = ModelRunEngine.builder().model(new EchoModel()).workers(8)
        .maintenanceInterval(Duration.ofMillis(20)).meterRegistry(meters).build()) {
      Thread.sleep(500);

      Timer empty = meters.find("modelrun.store.claim").tag("result", "empty").timer();
      // why: one look per worker at start, then one per interval by the worker that looks (the others would look
      // again after 30 intervals, 600 ms), and some slack.
      assertThat(empty.count()).isBetween(8L, 8L + 25 + 15);
    }
  }

  @Test
  void work_found_by_the_idle_worker_that_looks_wakes_the_others_to_share_it() throws Exception {
    InMemoryJobStore jobs = new InMemoryJobStore();
    InMemoryInputStore inputs = new InMemoryInputStore();
    ThreadRecordingModel model = new ThreadRecordingModel();
    try (ModelRunEngine engine = ModelRunEngine.builder().model(model).workers(4).jobStore(jobs).inputStore(inputs)
        .maintenanceInterval(Duration.ofMillis(50)).build()) {
      Thread.sleep(200);
      // why: queued by another node and not announced (no workArrived): only the worker that looks finds it.
      Job job = queueAsAnotherNode(jobs, inputs, ThreadRecordingModel.DESCRIPTOR, 40);

      Job done = engine.await(job.id(), Duration.ofSeconds(20));

      assertThat(done.counters().completed()).isEqualTo(40);
      // why: the items take 10 ms each, one per claim; alone, the worker that found them would run them all within
      // 400 ms, before the others looked on their own (every 1.5 s).
      assertThat(model.threads).hasSizeGreaterThan(1);
    }
  }

  /** Stores a job of {@code items} text items straight in the stores, as another node sharing them would. */
  private static Job queueAsAnotherNode(InMemoryJobStore jobs, InMemoryInputStore inputs, ModelDescriptor model,
      int items) {
    Jobs other = Jobs.submitted().model(model).items(items).at(Instant.now());
    Job job = other.build();
    inputs.put(job.id(), other.names().stream()
        .map(name -> new InputItem(name, Map.of("input.txt", InputData.text(name)))).toList());
    jobs.create(job, other.names());
    return job;
  }

  /** Echoes each item after 10 ms, and records which threads ran it. */
  private static final class ThreadRecordingModel implements ItemModel {
    static final ModelDescriptor DESCRIPTOR = EchoModel.descriptor(ModelRef.of("threads", "1"), false);
    final Set<String> threads = ConcurrentHashMap.newKeySet();

    @Override
    public ModelDescriptor descriptor() {
      return DESCRIPTOR;
    }

    @Override
    public Map<String, OutputValue> run(Map<String, InputData> inputs, boolean explain) throws Exception {
      threads.add(Thread.currentThread().getName());
      TimeUnit.MILLISECONDS.sleep(10);
      return Map.of("results.json", OutputValue.text("done"));
    }
  }
}
