package dev.modelrun.adapters.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelrun.core.model.CallerIdentity;
import dev.modelrun.core.model.ItemResult;
import dev.modelrun.core.model.Job;
import dev.modelrun.core.model.JobCounters;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.model.JobRequest;
import dev.modelrun.core.model.JobSpec;
import dev.modelrun.core.model.JobStatus;
import dev.modelrun.core.model.TextInput;
import dev.modelrun.core.port.in.SubmitJobCommand;
import dev.modelrun.engine.ModelRunEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three engines, each with its own store and pool, share one PostgreSQL schema: every item runs exactly once while
 * they all live, and when one dies abruptly (its pool closed under it) the others take its work once its leases
 * expire, and every item still ends exactly once in the results.
 */
class ManyNodesIT {
  private static final CallerIdentity CALLER = new CallerIdentity("acme", "team", "alice", "alicekey");
  private static final Duration LEASE = Duration.ofSeconds(2);
  private static final Duration WAIT = Duration.ofMinutes(2);

  private JdbcConfig config;
  private final List<JdbcStores> stores = new ArrayList<>();
  private final List<ModelRunEngine> engines = new ArrayList<>();
  private final List<CountingModel> models = new ArrayList<>();
  private final Map<String, AtomicInteger> calls = CountingModel.newCounts();

  @BeforeEach
  void startThreeNodes() {
    config = TestDatabases.postgres().withMaxPoolSize(6);
    for (int node = 0; node < 3; node++) {
      JdbcStores nodeStores = JdbcStores.open(config);
      stores.add(nodeStores);
    }
  }

  private void startEngines(long sleepNanos) {
    for (int node = 0; node < 3; node++) {
      CountingModel model = new CountingModel(calls, sleepNanos);
      models.add(model);
      JdbcStores nodeStores = stores.get(node);
      engines.add(ModelRunEngine.builder().model(model).jobStore(nodeStores.jobStore())
          .resultStore(nodeStores.resultStore()).inputStore(nodeStores.inputStore()).nodeId("node-" + node)
          .workers(4).lease(LEASE).maintenanceInterval(Duration.ofMillis(200)).closeWait(Duration.ofSeconds(5))
          .build());
    }
  }

  @AfterEach
  void stopNodes() {
    engines.forEach(ModelRunEngine::close);
    stores.forEach(JdbcStores::close);
    TestDatabases.dispose(null, config);
  }

  @Test
  void three_nodes_run_each_of_50000_items_exactly_once() throws Exception {
    startEngines(0);
    int items = 50_000;

    JobId id = submit(engines.get(0), items);
    Job done = engines.get(1).await(id, WAIT);

    assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(done.counters()).isEqualTo(new JobCounters(items, 0, 0, items, 0));
    assertThat(calls).hasSize(items);
    assertThat(calls.values()).allMatch(count -> count.get() == 1);
    assertThat(models).allMatch(model -> model.calls() > 0);
    assertThat(resultItems(id)).hasSize(items).doesNotHaveDuplicates();
  }

  // why: many small jobs make the nodes' claims and completions meet on the same job rows, where PostgreSQL breaks
  // the deadlocks it finds by rolling one side back; no job may be left with items claimed for good.
  @Test
  void three_nodes_finish_every_one_of_3000_small_jobs() throws Exception {
    startEngines(0);
    List<JobId> ids = new ArrayList<>();
    for (int job = 0; job < 3_000; job++) {
      ids.add(submit(engines.get(job % 3), 10));
    }
    for (JobId id : ids) {
      Job done = engines.get(0).await(id, WAIT);
      assertThat(done.status()).as("job %s", id).isEqualTo(JobStatus.COMPLETED);
      assertThat(done.counters()).isEqualTo(new JobCounters(10, 0, 0, 10, 0));
    }
  }

  @Test
  void the_work_of_a_node_that_dies_is_taken_by_the_others_after_its_lease() throws Exception {
    startEngines(TimeUnit.MICROSECONDS.toNanos(500));
    int items = 10_000;
    JobId id = submit(engines.get(0), items);
    ModelRunEngine survivor = engines.get(0);
    while (stores.get(0).jobStore().find(id).orElseThrow().counters().completed() < items / 4) {
      Thread.sleep(20);
    }

    // why: an abrupt death: the pool goes away under the running engine, which can neither complete nor renew.
    stores.get(2).close();
    long killedAt = System.nanoTime();
    int callsOfTheDead = models.get(2).calls();
    Job done = survivor.await(id, WAIT);
    long recoveredInMillis = (System.nanoTime() - killedAt) / 1_000_000;
    engines.remove(2).close();

    assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(done.counters()).isEqualTo(new JobCounters(items, 0, 0, items, 0));
    assertThat(calls).hasSize(items);
    assertThat(resultItems(id)).hasSize(items).doesNotHaveDuplicates();
    long repeated = calls.values().stream().filter(count -> count.get() > 1).count();
    assertThat(repeated).isLessThanOrEqualTo(callsOfTheDead);
    System.out.printf("node killed after %d calls; job done %d ms later; %d items ran twice%n", callsOfTheDead,
        recoveredInMillis, repeated);
  }

  private List<String> resultItems(JobId id) {
    return stores.get(0).resultStore().results(id).stream().map(ItemResult::item).toList();
  }

  private static JobId submit(ModelRunEngine engine, int items) {
    Map<String, Map<String, String>> sources = LinkedHashMap.newLinkedHashMap(items);
    for (int i = 0; i < items; i++) {
      sources.put("item-" + i, Map.of("input.txt", "item-" + i));
    }
    JobRequest request = new JobRequest(CountingModel.DESCRIPTOR.ref(), JobSpec.defaults(), new TextInput(sources));
    return engine.submit(SubmitJobCommand.of(CALLER, request)).job().job().id();
  }
}
