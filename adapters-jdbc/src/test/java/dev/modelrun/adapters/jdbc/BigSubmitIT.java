package dev.modelrun.adapters.jdbc;

import static dev.modelrun.engine.testkit.Jobs.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelrun.core.model.Job;
import dev.modelrun.core.model.JobCounters;
import dev.modelrun.engine.testkit.EchoModel;
import dev.modelrun.engine.testkit.Jobs;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A job of 100,000 items is one submit, on both databases. */
class BigSubmitIT {
  private static final int ITEMS = 100_000;

  @Test
  void stores_a_job_of_100000_items_in_one_submit_on_h2() {
    storesABigJob(TestDatabases.h2());
  }

  @Test
  void stores_a_job_of_100000_items_in_one_submit_on_postgres() {
    storesABigJob(TestDatabases.postgres());
  }

  private static void storesABigJob(JdbcConfig config) {
    JdbcStores stores = null;
    try {
      stores = JdbcStores.open(config);
      Jobs template = Jobs.submitted().items(ITEMS);
      Job job = template.build();
      List<String> names = template.names();

      stores.jobStore().create(job, names);

      assertThat(stores.jobStore().itemNames(job.id())).hasSize(ITEMS).startsWith("item-1").endsWith("item-100000");
      assertThat(stores.jobStore().find(job.id()).orElseThrow().counters()).isEqualTo(JobCounters.pending(ITEMS));
      var claim = stores.jobStore().claim("w1", Map.of(EchoModel.DESCRIPTOR.ref(), 1000), T0, Duration.ofMinutes(1))
          .orElseThrow();
      assertThat(claim.items()).hasSize(1000).startsWith("item-1");
    } finally {
      TestDatabases.dispose(stores, config);
    }
  }
}
