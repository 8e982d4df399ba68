package dev.modelrun.engine;

import static dev.modelrun.engine.Fixtures.WAIT;
import static dev.modelrun.engine.Fixtures.text;
import static dev.modelrun.engine.testkit.Jobs.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelrun.core.model.ItemResult;
import dev.modelrun.core.model.Job;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.model.JobSpec;
import dev.modelrun.core.port.in.ReadinessUseCase.Readiness;
import dev.modelrun.engine.testkit.BlockingModel;
import dev.modelrun.engine.testkit.EchoModel;
import dev.modelrun.engine.testkit.Jobs;
import dev.modelrun.engine.testkit.MutableClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The engine's meters, its job log lines, and its readiness. */
class ObservabilityTest {
  private static final String ECHO = EchoModel.DESCRIPTOR.ref().toString();

  private final MeterRegistry meters = new SimpleMeterRegistry();

  @Test
  void meters_count_jobs_and_items_by_model_and_outcome_and_time_the_model_and_the_store() throws Exception {
    try (ModelRunEngine engine = ModelRunEngine.builder().model(new EchoModel()).meterRegistry(meters).build()) {
      JobId id = engine.submit(text(EchoModel.DESCRIPTOR.ref(), Map.of("a", "one", "b", "two", "c", "fail:no")))
          .job().job().id();
      assertThat(engine.await(id, WAIT).status().isTerminal()).isTrue();

      assertThat(meters.get("modelrun.jobs.submitted").tag("model", ECHO).counter().count()).isEqualTo(1);
      assertThat(meters.get("modelrun.items").tags("model", ECHO, "outcome", "succeeded").counter().count())
          .isEqualTo(2);
      assertThat(meters.get("modelrun.items").tags("model", ECHO, "outcome", "failed").counter().count())
          .isEqualTo(1);
      assertThat(Fixtures.eventually(() -> meters.find("modelrun.jobs.finished")
          .tags("model", ECHO, "status", "COMPLETED").counter() != null)).isTrue();
      assertThat(meters.get("modelrun.model.latency").tag("model", ECHO).timer().count()).isEqualTo(2);
      assertThat(meters.get("modelrun.store.claim").tag("result", "claimed").timer().count()).isPositive();
      assertThat(meters.get("modelrun.store.complete").timer().count()).isPositive();
      assertThat(meters.get("modelrun.queue.items").gauge().value()).isZero();
      assertThat(meters.get("modelrun.workers").gauge().value()).isPositive();
    }
  }

  @Test
  void the_queue_gauges_show_waiting_work_and_its_age() throws Exception {
    InMemoryJobStore jobs = new InMemoryJobStore();
    MutableClock clock = new MutableClock(Jobs.T0);
    BlockingModel blocking = new BlockingModel();
    try (ModelRunEngine engine = ModelRunEngine.builder().model(blocking).jobStore(jobs).clock(clock).workers(1)
        .meterRegistry(meters).build()) {
      engine.submit(text(blocking.descriptor().ref(), Fixtures.items(1)));
      assertThat(blocking.awaitStarted(1)).isTrue();
      engine.submit(text(blocking.descriptor().ref(), Fixtures.items(4)));
      clock.advance(Duration.ofSeconds(30));

      assertThat(meters.get("modelrun.queue.items").gauge().value()).isEqualTo(4);
      assertThat(meters.get("modelrun.queue.oldest.age").gauge().value()).isEqualTo(30);
      blocking.release();
    }
  }

  @Test
  void a_job_log_line_is_json_with_ids_model_status_counts_and_times_but_no_name() throws Exception {
    try (ModelRunEngine engine = ModelRunEngine.builder().model(new EchoModel()).build()) {
      JobId id = engine.submit(text(ALICE, EchoModel.DESCRIPTOR.ref(), JobSpec.defaults().withName("secret plans"),
          Map.of("a", "one"))).job().job().id();
      Job done = engine.await(id, WAIT);

      JsonNode line = new ObjectMapper().readTree(JobLog.line("finished", done));

      assertThat(line.path("event").asText()).isEqualTo("job.finished");
      assertThat(line.path("job").asText()).isEqualTo(id.toString());
      assertThat(line.path("keyPrefix").asText()).isEqualTo(ALICE.keyPrefix());
      assertThat(line.path("model").asText()).isEqualTo(ECHO);
      assertThat(line.path("status").asText()).isEqualTo("COMPLETED");
      assertThat(line.path("items").asLong()).isEqualTo(1);
      assertThat(line.path("completed").asLong()).isEqualTo(1);
      assertThat(line.path("elapsedMs").isNumber()).isTrue();
      assertThat(line.toString()).doesNotContain("secret plans").doesNotContain("one");
    }
  }

  @Test
  void a_running_engine_is_ready_and_a_closed_one_is_not() {
    ModelRunEngine engine = ModelRunEngine.builder().model(new EchoModel()).build();
    Readiness ready = engine.readiness();
    assertThat(ready.ready()).as(ready.checks().toString()).isTrue();
    assertThat(ready.checks()).containsOnlyKeys("jobStore", "resultStore", "workers");
    engine.close();
  }

  @Test
  void a_result_store_that_refuses_writes_makes_the_node_not_ready() {
    try (ModelRunEngine engine = ModelRunEngine.builder().model(new EchoModel())
        .resultStore(new RefusingResultStore()).build()) {
      Readiness readiness = engine.readiness();
      assertThat(readiness.ready()).isFalse();
      assertThat(readiness.checks()).containsEntry("jobStore", "ok").containsEntry("workers", "ok")
          .hasEntrySatisfying("resultStore", why -> assertThat(why).startsWith("failed"));
    }
  }

  /** A result store whose disk is full. */
  private static final class RefusingResultStore implements dev.modelrun.core.port.out.ResultStore {
    @Override
    public void save(JobId job, List<ItemResult> results) {
      throw new IllegalStateException("disk full");
    }

    @Override
    public List<ItemResult> results(JobId job) {
      return List.of();
    }

    @Override
    public Optional<ItemResult> result(JobId job, String item) {
      return Optional.empty();
    }

    @Override
    public void delete(JobId job, Collection<String> items) {}

    @Override
    public void delete(JobId job) {}
  }
}
