package dev.modelrun.adapters.jdbc;

import static dev.modelrun.engine.testkit.Jobs.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelrun.core.model.ItemState;
import dev.modelrun.core.model.Job;
import dev.modelrun.core.model.JobCounters;
import dev.modelrun.core.model.ModelRef;
import dev.modelrun.core.port.out.WorkQueue.Outcome;
import dev.modelrun.engine.testkit.EchoModel;
import dev.modelrun.engine.testkit.Jobs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
