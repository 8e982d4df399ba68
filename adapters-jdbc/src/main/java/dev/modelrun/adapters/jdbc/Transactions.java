package dev.modelrun.adapters.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * Runs work on a pooled connection, in one transaction: committed when it returns, rolled back when it throws. On H2
 * the transactions of one store run one at a time; reads in auto-commit mode run beside them.
 */
final class Transactions {
  private static final int MAX_ATTEMPTS = 5;

  private final DataSource dataSource;
  private final Dialect dialect;
  // why: H2 (2.5) writes its file at each commit from a snapshot of its maps taken one map after another. A write of
  // another transaction that falls between the snapshot of that transaction's undo log and that of the table is saved
  // without its undo record; after a kill -9 the row stays locked by a transaction that no longer exists, and no
  // write reaches it again (CrashRecoveryIT: a result that could never be saved, a job that never ended). With one
  // transaction at a time, no other is half-way through its writes when a commit writes the file.
  private final ReentrantLock h2Writes = new ReentrantLock(true);

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
   * other exception (a domain refusal) passes through after the rollback. On H2 every commit is written to the file
   * before it returns ({@code WRITE_DELAY 0}, which {@link JdbcStores} sets), so a process killed right after loses
   * none of it.
   */
  <T> T inTransaction(String what, Work<T> work) {
    return run(what, false, work);
  }

  /**
   * Like {@link #inTransaction}, for work whose loss in a crash only repeats work (claims, completions, results,
   * heartbeats): on PostgreSQL it commits without waiting for the disk ({@code synchronous_commit = off}), so a
   * crash of the database (not of a node) may lose its last fraction of a second of such commits, in order; the
   * items whose claim or completion was lost run again. On H2 it is {@link #inTransaction}.
   */
  <T> T inRepeatableTransaction(String what, Work<T> work) {
    return run(what, true, work);
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
    if (dialect != Dialect.H2) {
      return runOnceNow(what, repeatable, work);
    }
    h2Writes.lock();
    try {
      return runOnceNow(what, repeatable, work);
    } finally {
      h2Writes.unlock();
    }
  }

  private <T> T runOnceNow(String what, boolean repeatable, Work<T> work) {
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
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        rollbackQuietly(connection, e);
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException(what + " failed: " + e.getMessage(), e);
    }
  }

  /** How many transactions wait for their turn (on H2); for tests and diagnostics. */
  int waitingTransactions() {
    return h2Writes.getQueueLength();
  }

  /** Runs {@code work}, which only reads, on a connection in auto-commit mode; writes go in a transaction. */
  <T> T autoCommit(String what, Work<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(true);
      return work.run(connection);
    } catch (SQLException e) {
      throw new StoreException(what + " failed: " + e.getMessage(), e);
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
