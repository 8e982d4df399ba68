package dev.modelrun.adapters.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

/** Runs work on a pooled connection, in one transaction: committed when it returns, rolled back when it throws. */
final class Transactions {
  private static final int MAX_ATTEMPTS = 5;

  private final DataSource dataSource;
  private final Dialect dialect;

  Transactions(DataSource dataSource, Dialect dialect) {
    this.dataSource = dataSource;
    this.dialect = dialect;
  }

  /** Work on one connection. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /**
   * Runs {@code work} in a transaction that is durable when this returns (what a caller is told is stored: a job
   * submitted, stopped or renamed); an SQL failure becomes a {@link StoreException} saying {@code what} failed, any
   * other exception (a domain refusal) passes through after the rollback. On H2 the commit is written to the file
   * before this returns ({@code CHECKPOINT}), so a process killed right after loses none of it.
   */
  <T> T inTransaction(String what, Work<T> work) {
    return run(what, false, work);
  }

  /**
   * Like {@link #inTransaction}, for work whose loss in a crash only repeats work (claims, completions, results,
   * heartbeats): on PostgreSQL it commits without waiting for the disk ({@code synchronous_commit = off}); on H2 it
   * is written with the next write of the file ({@code WRITE_DELAY} of the H2 file, or the next durable commit). The
   * database stays consistent: a crash (on H2, a killed process) loses at most its last fraction of a second of such
   * commits, in order, so a completion is never kept without the results saved before it; the items whose claim or
   * completion was lost run again.
   */
  <T> T inRepeatableTransaction(String what, Work<T> work) {
    return run(what, true, work);
  }

  /**
   * Makes every commit so far durable, as {@link #inTransaction} does for its own: on H2 writes them to the file;
   * PostgreSQL's asynchronous commits reach its disk within a fraction of a second anyway.
   */
  void makeDurable(String what) {
    if (dialect == Dialect.H2) {
      autoCommit(what, connection -> {
        checkpoint(connection);
        return null;
      });
    }
  }

  // why: the database breaks a deadlock (or a serialization conflict) by rolling one transaction back whole; the
  // work of every transaction here is safe to run again, so it is, after a short random pause.
  private <T> T run(String what, boolean repeatable, Work<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return runOnce(what, repeatable, work);
      } catch (StoreException e) {
        if (attempt >= MAX_ATTEMPTS || !isConflict(e)) {
          throw e;
        }
        pauseBeforeRetry(attempt);
      }
    }
  }

  private static void pauseBeforeRetry(int attempt) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(1, 10L * attempt));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** True when the database rolled the transaction back to break a deadlock or a serialization conflict. */
  static boolean isConflict(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && ("40P01".equals(sql.getSQLState()) || "40001".equals(sql.getSQLState()))) {
        return true;
      }
    }
    return false;
  }

  private <T> T runOnce(String what, boolean repeatable, Work<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        if (repeatable && dialect == Dialect.POSTGRESQL) {
          try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL synchronous_commit = off");
          }
        }
        T result = work.run(connection);
        connection.commit();
        if (!repeatable && dialect == Dialect.H2) {
          connection.setAutoCommit(true);
          checkpoint(connection);
        }
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        rollbackQuietly(connection, e);
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException(what + " failed: " + e.getMessage(), e);
    }
  }

  /** Runs {@code work} on a connection in auto-commit mode (one statement, or reads). */
  <T> T autoCommit(String what, Work<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(true);
      return work.run(connection);
    } catch (SQLException e) {
      throw new StoreException(what + " failed: " + e.getMessage(), e);
    }
  }

  // why: H2 writes commits to its file in the background (the H2 file's WRITE_DELAY); CHECKPOINT writes every commit
  // so far now. Without the wait, a kill -9 right after a 201 lost the job (CrashRecoveryIT); writing every commit
  // at once (WRITE_DELAY=0) cost a quarter to a third of H2's throughput, for work that would only run again.
  private static void checkpoint(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("CHECKPOINT");
    }
  }

  private static void rollbackQuietly(Connection connection, Throwable cause) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  /** True when the failure is a unique-key violation (SQLSTATE 23505 on both databases). */
  static boolean isUniqueViolation(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  static OffsetDateTime timestamp(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  static Instant instant(OffsetDateTime timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
