package dev.modelrun.adapters.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelrun.core.model.Job;
import dev.modelrun.core.model.JobStatus;
import dev.modelrun.core.model.ModelRef;
import dev.modelrun.core.port.out.WorkQueue.Claim;
import dev.modelrun.engine.testkit.EchoModel;
import dev.modelrun.engine.testkit.Jobs;
import dev.modelrun.engine.testkit.NoOpModel;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On H2 a claim reads its job and its items from indexes in claim order and stops at its limit, however many jobs and
 * items wait: checked on the rows H2 says it read ({@code EXPLAIN ANALYZE}), not on time. The scanning version read
 * every runnable job (and locked them all) and every queued item of the job on every claim, which made claims take
 * seconds under a backlog.
 */
class H2ClaimPlanIT {
  private static final int WAITING_JOBS = 20_000;
  private static final int ITEMS_OF_BIG_JOB = 30_000;
  private static final int BATCH = 512;
  private static final Pattern SCAN_COUNT = Pattern.compile("scanCount: (\\d+)");

  private static JdbcConfig config;
  private static JdbcStores stores;
  private static Job big;

  @BeforeAll
  static void storeABacklog() {
    config = TestDatabases.h2();
    stores = JdbcStores.open(config);
    JdbcJobStore store = stores.jobStore();
    // the big job is stored first and at the lowest priority, so every other waiting job comes before it
    big = Jobs.submitted().model(NoOpModel.DESCRIPTOR).items(ITEMS_OF_BIG_JOB).priority(-1).build();
    store.create(big, Jobs.itemNames(ITEMS_OF_BIG_JOB));
    for (int i = 0; i < WAITING_JOBS; i++) {
      store.create(Jobs.submitted().model(i % 2 == 0 ? EchoModel.DESCRIPTOR : NoOpModel.DESCRIPTOR).build(),
          List.of("only"));
    }
  }

  @AfterAll
  static void dropDatabase() {
    TestDatabases.dispose(stores, config);
  }

  @Test
  void picking_the_next_job_reads_one_row_per_model_of_tens_of_thousands_waiting() throws SQLException {
    String sql = JdbcJobStore.nextJobOnH2(2);
    List<Long> scans = scanCounts(sql, EchoModel.DESCRIPTOR.ref(), NoOpModel.DESCRIPTOR.ref());

    assertThat(scans).isNotEmpty().allSatisfy(scan -> assertThat(scan).isLessThanOrEqualTo(3));
  }

  @Test
  void a_model_with_no_waiting_job_costs_no_walk_over_the_jobs_of_other_models() throws SQLException {
    List<Long> scans = scanCounts(JdbcJobStore.nextJobOnH2(1), ModelRef.of("absent", "1"));

    assertThat(scans).isNotEmpty().allSatisfy(scan -> assertThat(scan).isLessThanOrEqualTo(1));
  }

  @Test
  void claiming_a_batch_of_a_big_job_reads_the_batch_not_the_job() throws SQLException {
    List<Long> fresh = scanCounts(JdbcJobStore.queuedItemsOnH2(true), UUID.fromString(big.id().value()), 100,
        BATCH);
    List<Long> handedBack = scanCounts(JdbcJobStore.queuedItemsOnH2(false), UUID.fromString(big.id().value()),
        BATCH);

    assertThat(fresh).isNotEmpty().allSatisfy(scan -> assertThat(scan).isLessThanOrEqualTo(BATCH + 1));
    assertThat(handedBack).isNotEmpty().allSatisfy(scan -> assertThat(scan).isLessThanOrEqualTo(1));
  }

  @Test
  void claims_under_the_backlog_still_follow_priority_then_turn() {
    JdbcJobStore store = stores.jobStore();
    Job urgent = Jobs.submitted().model(NoOpModel.DESCRIPTOR).items(3).priority(5).build();
    store.create(urgent, Jobs.itemNames(3));

    Claim claim = store.claim("node", Map.of(NoOpModel.DESCRIPTOR.ref(), BATCH), Jobs.T0, Duration.ofMinutes(1))
        .orElseThrow();

    assertThat(claim.job().id()).isEqualTo(urgent.id());
    assertThat(claim.items()).containsExactly("item-1", "item-2", "item-3");
    assertThat(claim.job().status()).isEqualTo(JobStatus.IN_PROGRESS);
  }

  /** The rows H2 read for each table or index of the query, bound to {@code parameters} (models as two each). */
  private static List<Long> scanCounts(String sql, Object... parameters) throws SQLException {
    try (Connection connection = stores.dataSource().getConnection();
        PreparedStatement statement = connection.prepareStatement("EXPLAIN ANALYZE " + sql)) {
      int i = 1;
      for (Object parameter : parameters) {
        if (parameter instanceof ModelRef model) {
          statement.setString(i++, model.identifier());
          statement.setString(i++, model.version());
        } else {
          statement.setObject(i++, parameter);
        }
      }
      List<Long> counts = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          Matcher matcher = SCAN_COUNT.matcher(rows.getString(1));
          while (matcher.find()) {
            counts.add(Long.parseLong(matcher.group(1)));
          }
        }
      }
      return counts;
    }
  }
}
