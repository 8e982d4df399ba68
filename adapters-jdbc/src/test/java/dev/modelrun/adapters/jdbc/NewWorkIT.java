package dev.modelrun.adapters.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelrun.engine.testkit.Jobs;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NewWorkIT {
  @Test
  void a_submit_on_one_postgres_node_wakes_another_node() throws Exception {
    JdbcConfig config = TestDatabases.postgres();
    JdbcStores submitter = null;
    JdbcStores idle = null;
    try {
      submitter = JdbcStores.open(config);
      idle = JdbcStores.open(config);
      CountDownLatch subscribed = new CountDownLatch(1);
      CountDownLatch woken = new CountDownLatch(2);
      idle.onNewWork(() -> {
        subscribed.countDown();
        woken.countDown();
      });
      assertThat(subscribed.await(10, TimeUnit.SECONDS)).isTrue();

      Jobs template = Jobs.submitted().items(2);
      submitter.jobStore().create(template.build(), template.names());

      assertThat(woken.await(10, TimeUnit.SECONDS)).isTrue();
    } finally {
      if (idle != null) {
        idle.close();
      }
      TestDatabases.dispose(submitter, config);
    }
  }

  @Test
  void a_submit_on_h2_wakes_the_listeners_of_the_same_process() throws Exception {
    try (JdbcStores stores = JdbcStores.open(TestDatabases.h2())) {
      CountDownLatch woken = new CountDownLatch(1);
      stores.onNewWork(woken::countDown);

      Jobs template = Jobs.submitted().items(1);
      stores.jobStore().create(template.build(), template.names());

      assertThat(woken.await(1, TimeUnit.SECONDS)).isTrue();
    }
  }
}
