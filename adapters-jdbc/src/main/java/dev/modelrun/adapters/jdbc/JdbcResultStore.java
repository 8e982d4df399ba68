package dev.modelrun.adapters.jdbc;

import static dev.modelrun.adapters.jdbc.Transactions.instant;
import static dev.modelrun.adapters.jdbc.Transactions.timestamp;
import static java.util.Objects.requireNonNull;

import dev.modelrun.core.model.ItemFailure;
import dev.modelrun.core.model.ItemResult;
import dev.modelrun.core.model.ItemSuccess;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.port.out.ResultStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Results in {@code mr_result}, one row per item; saving an item again replaces its row (an upsert). On PostgreSQL a
 * save of many results copies its rows in ({@code COPY}, a third of the database's work of the upsert) and upserts
 * only when one of its items was saved before (an item run again after its lease was lost).
 */
public final class JdbcResultStore implements ResultStore {
  private static final String COLUMNS = "item, succeeded, start_time, end_time, latency_nanos, error, outputs";

  private static final String DUPLICATE_KEY = "23505";
  // why: below this, the copy's extra round trips (a savepoint, the copy's start) cost more than it saves.
  private static final int COPY_FROM = 16;

  private final Transactions transactions;
  private final boolean postgres;
  private final String upsertSql;

  JdbcResultStore(Transactions transactions, Dialect dialect) {
    this.transactions = transactions;
    this.postgres = dialect == Dialect.POSTGRESQL;
    this.upsertSql = dialect == Dialect.H2
        ? "MERGE INTO mr_result (job_id, " + COLUMNS + ") KEY (job_id, item) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
        : "INSERT INTO mr_result (job_id, " + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (job_id, item) DO UPDATE SET succeeded = EXCLUDED.succeeded, "
            + "start_time = EXCLUDED.start_time, end_time = EXCLUDED.end_time, "
            + "latency_nanos = EXCLUDED.latency_nanos, error = EXCLUDED.error, outputs = EXCLUDED.outputs";
  }

  @Override
  public void save(JobId job, List<ItemResult> results) {
    requireNonNull(job, "job");
    if (results.isEmpty()) {
      return;
    }
    transactions.inRepeatableTransaction("saving results of job " + job, connection -> {
      UUID id = JobRows.uuid(job);
      if (postgres && results.size() >= COPY_FROM) {
        Savepoint beforeCopy = connection.setSavepoint();
        try {
          copy(connection, id, results);
          connection.releaseSavepoint(beforeCopy);
          return null;
        } catch (SQLException e) {
          if (!DUPLICATE_KEY.equals(e.getSQLState())) {
            throw e;
          }
          connection.rollback(beforeCopy);
        }
      }
      upsert(connection, id, results);
      return null;
    });
  }

  private static void copy(Connection connection, UUID job, List<ItemResult> results) throws SQLException {
    try (PgCopy copy = PgCopy.into(connection, "mr_result", "job_id, " + COLUMNS)) {
      for (ItemResult result : results) {
        Row row = Row.of(result);
        copy.uuid(job).text(result.item()).bool(row.succeeded()).timestamp(result.startTime())
            .timestamp(result.endTime()).number(row.latencyNanos()).text(row.error()).bytes(row.outputs()).endRow();
      }
      copy.finish();
    }
  }

  private void upsert(Connection connection, UUID job, List<ItemResult> results) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(upsertSql)) {
      for (ItemResult result : results) {
        Row row = Row.of(result);
        statement.setObject(1, job);
        statement.setString(2, result.item());
        statement.setBoolean(3, row.succeeded());
        statement.setObject(4, timestamp(result.startTime()));
        statement.setObject(5, timestamp(result.endTime()));
        statement.setLong(6, row.latencyNanos());
        statement.setString(7, row.error());
        statement.setBytes(8, row.outputs());
        statement.addBatch();
      }
      statement.executeBatch();
    }
  }

  /** The columns of a result's row besides its job, item and times. */
  private record Row(boolean succeeded, long latencyNanos, String error, byte[] outputs) {
    static Row of(ItemResult result) {
      return switch (result) {
        case ItemSuccess success -> new Row(true, success.modelLatency().toNanos(), "",
            ResultCodec.encode(success.outputs()));
        case ItemFailure failure -> new Row(false, 0, failure.error(), ResultCodec.encode(Map.of()));
      };
    }
  }

  @Override
  public List<ItemResult> results(JobId job) {
    requireNonNull(job, "job");
    return transactions.autoCommit("reading results of job " + job, connection -> {
      try (PreparedStatement statement = connection.prepareStatement(
          "SELECT " + COLUMNS + " FROM mr_result WHERE job_id = ?")) {
        statement.setObject(1, JobRows.uuid(job));
        statement.setFetchSize(1000);
        return read(statement);
      }
    });
  }

  @Override
  public Optional<ItemResult> result(JobId job, String item) {
    requireNonNull(job, "job");
    requireNonNull(item, "item");
    return transactions.autoCommit("reading a result of job " + job, connection -> {
      try (PreparedStatement statement = connection.prepareStatement(
          "SELECT " + COLUMNS + " FROM mr_result WHERE job_id = ? AND item = ?")) {
        statement.setObject(1, JobRows.uuid(job));
        statement.setString(2, item);
        List<ItemResult> found = read(statement);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
      }
    });
  }

  @Override
  public void delete(JobId job, Collection<String> items) {
    requireNonNull(job, "job");
    if (items.isEmpty()) {
      return;
    }
    transactions.inTransaction("deleting results of job " + job, connection -> {
      try (PreparedStatement statement = connection.prepareStatement(
          "DELETE FROM mr_result WHERE job_id = ? AND item = ?")) {
        UUID id = JobRows.uuid(job);
        for (String item : items) {
          statement.setObject(1, id);
          statement.setString(2, item);
          statement.addBatch();
        }
        statement.executeBatch();
      }
      return null;
    });
  }

  @Override
  public void delete(JobId job) {
    requireNonNull(job, "job");
    transactions.inTransaction("deleting results of job " + job, connection -> {
      try (PreparedStatement statement = connection.prepareStatement("DELETE FROM mr_result WHERE job_id = ?")) {
        statement.setObject(1, JobRows.uuid(job));
        return statement.executeUpdate();
      }
    });
  }

  private static List<ItemResult> read(PreparedStatement statement) throws SQLException {
    List<ItemResult> results = new ArrayList<>();
    try (ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        String item = rows.getString(1);
        Instant start = instant(rows.getObject(3, OffsetDateTime.class));
        Instant end = instant(rows.getObject(4, OffsetDateTime.class));
        results.add(rows.getBoolean(2)
            ? new ItemSuccess(item, start, end, Duration.ofNanos(rows.getLong(5)), ResultCodec.decode(rows.getBytes(7)))
            : new ItemFailure(item, start, end, rows.getString(6)));
      }
    }
    return results;
  }
}
