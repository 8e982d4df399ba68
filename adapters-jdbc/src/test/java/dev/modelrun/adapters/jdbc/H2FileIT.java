package dev.modelrun.adapters.jdbc;

import static dev.modelrun.engine.testkit.Jobs.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelrun.core.model.ItemState;
import dev.modelrun.core.model.Job;
import dev.modelrun.core.model.JobCounters;
import dev.modelrun.core.port.out.WorkQueue.Outcome;
import dev.modelrun.engine.testkit.EchoModel;
import dev.modelrun.engine.testkit.Jobs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The H2 file as a killed process leaves it: H2 writes each commit before the commit returns ({@code WRITE_DELAY
 * 0}), on whatever URL it was opened with. With a write delay H2 writes from background threads, and a process
 * killed while they wrote left files that lost acknowledged jobs or no longer opened ({@code CrashRecoveryIT}).
 */
class H2FileIT {
  private static final Duration LEASE = Duration.ofMinutes(1);

  @TempDir
  Path dataDir;

  @Test
  void the_file_copied_right_after_each_completion_holds_it() throws Exception {
    Jobs template = Jobs.submitted().items(5);
    Job job = template.build();
    try (JdbcStores stores = JdbcStores.open(JdbcConfig.h2File(dataDir))) {
      stores.jobStore().create(job, template.names());
      stores.jobStore().claim("node-1", Map.of(EchoModel.DESCRIPTOR.ref(), 5), T0, LEASE);
      for (int done = 1; done <= 4; done++) {
        String item = "item-" + done;
        stores.jobStore().complete("node-1", job.id(), List.of(new Outcome(item, ItemState.SUCCEEDED)), T0);

        // why: the file as it is now, while the store is open, is what a process killed now leaves behind.
        Path killed = Files.createDirectory(dataDir.resolve("killed-" + done));
        Files.copy(dataDir.resolve(JdbcConfig.H2_FILE_NAME + ".mv.db"),
            killed.resolve(JdbcConfig.H2_FILE_NAME + ".mv.db"));
        try (JdbcStores after = JdbcStores.open(JdbcConfig.h2File(killed))) {
          assertThat(after.jobStore().find(job.id()).orElseThrow().counters())
              .as("after the completion of %s", item).isEqualTo(new JobCounters(5, 0, 5 - done, done, 0));
          assertThat(after.jobStore().itemState(job.id(), "item-5")).contains(ItemState.RUNNING);
        }
      }
    }
  }

  @Test
  void a_url_of_its_own_without_a_write_delay_gets_none() throws Exception {
    String url = "jdbc:h2:file:" + dataDir.resolve("own").toAbsolutePath();
    try (JdbcStores stores = JdbcStores.open(JdbcConfig.of(url, "sa", ""));
        Connection connection = stores.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(
            "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
      assertThat(rows.next()).isTrue();
      // why: H2's own default is 500 ms.
      assertThat(rows.getString(1)).isEqualTo("0");
    }
  }

  @Test
  void a_user_who_cannot_set_the_write_delay_is_refused_with_what_to_do() throws Exception {
    String url = "jdbc:h2:file:" + dataDir.resolve("users").toAbsolutePath();
    try (Connection admin = DriverManager.getConnection(url, "sa", "");
        Statement statement = admin.createStatement()) {
      statement.execute("CREATE USER reader PASSWORD 'secret'");
      assertThatThrownBy(() -> JdbcStores.open(JdbcConfig.of(url, "reader", "secret")))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("the H2 user reader cannot run SET WRITE_DELAY 0")
          .hasMessageContaining("use an administrator");
    }
  }
}
