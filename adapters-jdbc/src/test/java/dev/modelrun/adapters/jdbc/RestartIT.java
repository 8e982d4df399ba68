package dev.modelrun.adapters.jdbc;

import static dev.modelrun.engine.testkit.Jobs.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelrun.core.model.InputData;
import dev.modelrun.core.model.InputItem;
import dev.modelrun.core.model.ItemResult;
import dev.modelrun.core.model.ItemState;
import dev.modelrun.core.model.Job;
import dev.modelrun.core.model.JobCounters;
import dev.modelrun.core.model.JobStatus;
import dev.modelrun.core.model.ModelRef;
import dev.modelrun.core.port.out.WorkQueue.Outcome;
import dev.modelrun.engine.ModelRunEngine;
import dev.modelrun.engine.testkit.EchoModel;
import dev.modelrun.engine.testkit.Jobs;
import dev.modelrun.engine.testkit.MutableClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RestartIT {
  private static final Map<ModelRef, Integer> BATCH = Map.of(EchoModel.DESCRIPTOR.ref(), 2);
  private static final Duration LEASE = Duration.ofMinutes(1);

  @TempDir
  Path dataDir;

  @Test
  void an_h2_file_keeps_jobs_items_and_leases_across_a_restart() {
    JdbcConfig config = JdbcConfig.h2File(dataDir);
    Jobs template = Jobs.submitted().items(3);
    Job job = template.build();
    try (JdbcStores first = JdbcStores.open(config)) {
      first.jobStore().create(job, template.names());
      first.jobStore().claim("node-1", BATCH, T0, LEASE);
      first.jobStore().complete("node-1", job.id(), List.of(new Outcome("item-1", ItemState.SUCCEEDED)), T0);
    }

    try (JdbcStores again = JdbcStores.open(config)) {
      JdbcJobStore store = again.jobStore();
      assertThat(store.find(job.id()).orElseThrow().counters()).isEqualTo(new JobCounters(3, 1, 1, 1, 0));
      assertThat(store.itemNames(job.id())).containsExactly("item-1", "item-2", "item-3");
      assertThat(store.itemState(job.id(), "item-2")).contains(ItemState.RUNNING);

      assertThat(store.recoverExpired(T0.plus(LEASE).plusSeconds(1))).isEqualTo(1);
      assertThat(store.claim("node-2", BATCH, T0.plus(LEASE), LEASE).orElseThrow().items())
          .containsExactly("item-2", "item-3");
    }
  }

  @Test
  void a_node_restarted_under_the_same_name_does_not_keep_the_leases_of_its_former_life_alive() {
    JdbcConfig config = TestDatabases.h2();
    Jobs template = Jobs.submitted().items(1);
    Job job = template.build();
    try (JdbcStores before = JdbcStores.open(config); JdbcStores after = JdbcStores.open(config)) {
      before.jobStore().create(job, template.names());
      before.jobStore().claim("node-1", BATCH, T0, LEASE);

      assertThat(after.jobStore().renew("node-1", T0.plusSeconds(30), LEASE)).isZero();
      assertThat(after.jobStore().recoverExpired(T0.plus(LEASE).plusSeconds(1))).isEqualTo(1);
      assertThat(after.jobStore().complete("node-1", job.id(), List.of(new Outcome("item-1", ItemState.SUCCEEDED)),
          T0).refused()).containsExactly("item-1");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void a_node_restarted_under_the_same_name_takes_back_the_leases_of_its_former_life_at_once(String database)
      throws SQLException {
    JdbcConfig config = database.equals("h2") ? TestDatabases.h2() : TestDatabases.postgres();
    Jobs template = Jobs.submitted().items(7);
    Job job = template.build();
    try (JdbcStores killed = JdbcStores.open(config); JdbcStores restarted = JdbcStores.open(config)) {
      killed.jobStore().create(job, template.names());
      killed.jobStore().claim("node-1", BATCH, T0, LEASE);
      killed.jobStore().renew("node-1", T0, LEASE);
      killed.jobStore().claim("node-1/a", BATCH, T0, LEASE);
      restarted.jobStore().claim("node-2", BATCH, T0, LEASE);
      JdbcJobStore store = restarted.jobStore();
      store.claim("node-1", Map.of(EchoModel.DESCRIPTOR.ref(), 1), T0, LEASE);

      assertThat(store.handBackFormerLeases("node-1", T0.plusSeconds(1))).isEqualTo(2);

      assertThat(store.find(job.id()).orElseThrow().counters()).isEqualTo(new JobCounters(7, 2, 5, 0, 0));
      assertThat(store.itemState(job.id(), "item-1")).contains(ItemState.QUEUED);
      assertThat(store.itemState(job.id(), "item-2")).contains(ItemState.QUEUED);
      assertThat(store.itemState(job.id(), "item-3")).as("another node's, whose name starts alike")
          .contains(ItemState.RUNNING);
      assertThat(store.itemState(job.id(), "item-5")).as("another node's").contains(ItemState.RUNNING);
      assertThat(store.itemState(job.id(), "item-7")).as("this life's own").contains(ItemState.RUNNING);
      assertThat(store.renew("node-1", T0.plusSeconds(1), LEASE)).isEqualTo(1);
      assertThat(heartbeatsOf(restarted, "node-1/")).as("the former life's heartbeat is gone").isEqualTo(1);
      assertThat(store.handBackFormerLeases("node-1", T0.plusSeconds(2))).isZero();
      assertThat(store.claim("node-1", BATCH, T0.plusSeconds(2), LEASE).orElseThrow().items())
          .containsExactly("item-1", "item-2");
      assertThat(killed.jobStore().complete("node-1", job.id(), List.of(new Outcome("item-1", ItemState.SUCCEEDED)),
          T0).refused()).containsExactly("item-1");
    } finally {
      TestDatabases.dispose(null, config);
    }
  }

  @Test
  void an_engine_restarted_under_its_name_runs_what_its_killed_predecessor_claimed_without_waiting_for_the_lease()
      throws Exception {
    JdbcConfig config = JdbcConfig.h2File(dataDir);
    Jobs template = Jobs.submitted().items(3);
    Job job = template.build();
    try (JdbcStores killed = JdbcStores.open(config)) {
      killed.jobStore().create(job, template.names());
      killed.inputStore().put(job.id(), template.names().stream()
          .map(name -> new InputItem(name, Map.of("input.txt", InputData.text(name)))).toList());
      killed.jobStore().claim("node-1", BATCH, T0, LEASE);
      killed.jobStore().renew("node-1", T0, LEASE);
    }

    // why: the clock stands still, so the killed process's leases never expire: only the hand-back frees them.
    try (JdbcStores restarted = JdbcStores.open(config);
        ModelRunEngine engine = ModelRunEngine.builder().model(new EchoModel()).jobStore(restarted.jobStore())
            .inputStore(restarted.inputStore()).resultStore(restarted.resultStore()).nodeId("node-1")
            .clock(new MutableClock(T0)).lease(LEASE).build()) {
      Job done = engine.await(job.id(), Duration.ofSeconds(30));

      assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
      assertThat(done.counters()).isEqualTo(new JobCounters(3, 0, 0, 3, 0));
      assertThat(restarted.resultStore().results(job.id())).extracting(ItemResult::item)
          .containsExactlyInAnyOrder("item-1", "item-2", "item-3");
    }
  }

  @Test
  void the_recovery_sweep_deletes_the_heartbeats_that_ran_out_and_keeps_the_live_ones() throws Exception {
    JdbcConfig config = TestDatabases.h2();
    try (JdbcStores stores = JdbcStores.open(config)) {
      JdbcJobStore store = stores.jobStore();
      store.renew("gone-for-good", T0, LEASE);
      store.renew("alive", T0.plus(LEASE), LEASE);

      store.recoverExpired(T0.plus(LEASE).plusSeconds(1));

      assertThat(heartbeatsOf(stores, "gone-for-good/")).isZero();
      assertThat(heartbeatsOf(stores, "alive/")).isEqualTo(1);
    } finally {
      TestDatabases.dispose(null, config);
    }
  }

  private static int heartbeatsOf(JdbcStores stores, String prefix) throws SQLException {
    try (Connection connection = stores.dataSource().getConnection();
        PreparedStatement statement = connection.prepareStatement(
            "SELECT COUNT(*) FROM mr_worker WHERE owner LIKE ?")) {
      statement.setString(1, prefix + "%");
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    }
  }

  @Test
  void opening_a_migrated_database_again_changes_nothing() {
    JdbcConfig config = TestDatabases.h2();
    Jobs template = Jobs.submitted().items(2);
    Job job = template.build();
    try (JdbcStores first = JdbcStores.open(config)) {
      first.jobStore().create(job, template.names());
      try (JdbcStores second = JdbcStores.open(config)) {
        assertThat(second.jobStore().find(job.id())).contains(job);
      }
    }
  }
}
