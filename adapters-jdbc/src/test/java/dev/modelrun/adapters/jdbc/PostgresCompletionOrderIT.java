package dev.modelrun.adapters.jdbc;

import static dev.modelrun.engine.testkit.Jobs.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelrun.core.model.ItemState;
import dev.modelrun.core.model.Job;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.model.JobStatus;
import dev.modelrun.core.port.out.WorkQueue.Claim;
import dev.modelrun.core.port.out.WorkQueue.Completion;
import dev.modelrun.core.port.out.WorkQueue.Outcome;
import dev.modelrun.engine.testkit.EchoModel;
import dev.modelrun.engine.testkit.Jobs;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * On PostgreSQL a completion changes its items before it locks the job's row, so the row, which every claim of the
 * job takes too, is held only for the job's own read and write.
 */
class PostgresCompletionOrderIT {
  @RegisterExtension
  static final TestStores DB = TestStores.postgres();

  @BeforeEach
  void emptyTables() {
    DB.truncate();
  }

  @Test
  void a_completion_has_ended_its_items_when_it_waits_for_the_jobs_row() throws Exception {
    Job job = Jobs.submitted().items(10).build();
    DB.stores().jobStore().create(job, Jobs.itemNames(10));
    Claim claim = claimAll();
    List<Outcome> outcomes = claim.items().stream().map(item -> new Outcome(item, ItemState.SUCCEEDED)).toList();

    CompletableFuture<Completion> completion;
    try (Connection holder = DB.stores().dataSource().getConnection()) {
      holder.setAutoCommit(false);
      lockJobRow(holder, job.id());
      completion = CompletableFuture.supplyAsync(
          () -> DB.stores().jobStore().complete("w1", job.id(), outcomes, T0.plusSeconds(1)));
      awaitBlockedBy(holder, completion);

      // why: the items are locked by the waiting completion, so it has changed them already.
      try (Connection other = DB.stores().dataSource().getConnection();
          PreparedStatement statement = other.prepareStatement(
              "SELECT seq FROM mr_item WHERE job_id = ? FOR UPDATE NOWAIT")) {
        statement.setObject(1, UUID.fromString(job.id().value()));
        assertThatThrownBy(statement::executeQuery).isInstanceOf(SQLException.class)
            .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("55P03");
      }
      holder.rollback();
    }

    Completion done = completion.get(1, TimeUnit.MINUTES);
    assertThat(done.refused()).isEmpty();
    assertThat(done.job().status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(DB.stores().jobStore().find(job.id()).orElseThrow().counters().completed()).isEqualTo(10);
  }

  @Test
  void a_completion_of_a_job_no_longer_in_progress_leaves_its_items_as_they_were() {
    Job job = Jobs.submitted().items(3).build();
    DB.stores().jobStore().create(job, Jobs.itemNames(3));
    Claim claim = claimAll();
    // why: a job that ended without its items changed (only its row written), which no completion may count into.
    DB.stores().jobStore().update(claim.job().cancel(T0.plusSeconds(1)));

    Completion completion = DB.stores().jobStore().complete("w1", job.id(),
        claim.items().stream().map(item -> new Outcome(item, ItemState.SUCCEEDED)).toList(), T0.plusSeconds(2));

    assertThat(completion.refused()).containsExactlyInAnyOrderElementsOf(claim.items());
    assertThat(completion.job().status()).isEqualTo(JobStatus.CANCELED);
    for (String item : claim.items()) {
      assertThat(DB.stores().jobStore().itemState(job.id(), item)).contains(ItemState.RUNNING);
    }
    assertThat(DB.stores().jobStore().find(job.id()).orElseThrow().counters().completed()).isZero();
  }

  private static Claim claimAll() {
    return DB.stores().jobStore().claim("w1", Map.of(EchoModel.DESCRIPTOR.ref(), 100), T0, Duration.ofMinutes(1))
        .orElseThrow();
  }

  private static void lockJobRow(Connection connection, JobId job) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("SELECT id FROM mr_job WHERE id = ? FOR UPDATE")) {
      statement.setObject(1, UUID.fromString(job.value()));
      statement.executeQuery().close();
    }
  }

  /** Waits until another session waits for a lock {@code holder} holds (the completion, at the job's row). */
  private static void awaitBlockedBy(Connection holder, CompletableFuture<?> completion) throws Exception {
    int pid;
    try (PreparedStatement statement = holder.prepareStatement("SELECT pg_backend_pid()");
        ResultSet rows = statement.executeQuery()) {
      rows.next();
      pid = rows.getInt(1);
    }
    try (Connection watcher = DB.stores().dataSource().getConnection();
        PreparedStatement statement = watcher.prepareStatement(
            "SELECT COUNT(*) FROM pg_stat_activity WHERE ? = ANY(pg_blocking_pids(pid))")) {
      statement.setInt(1, pid);
      while (true) {
        assertThat(completion).as("the completion ends only once the job's row is free").isNotDone();
        try (ResultSet rows = statement.executeQuery()) {
          rows.next();
          if (rows.getInt(1) > 0) {
            return;
          }
        }
        Thread.sleep(10);
      }
    }
  }
}
