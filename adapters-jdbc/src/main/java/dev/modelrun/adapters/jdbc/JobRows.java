package dev.modelrun.adapters.jdbc;

import static dev.modelrun.adapters.jdbc.Transactions.instant;
import static dev.modelrun.adapters.jdbc.Transactions.timestamp;

import dev.modelrun.core.billing.Billing;
import dev.modelrun.core.model.CallerIdentity;
import dev.modelrun.core.model.InputDescription;
import dev.modelrun.core.model.Job;
import dev.modelrun.core.model.JobCounters;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.model.JobStatus;
import dev.modelrun.core.model.JobType;
import dev.modelrun.core.model.ModelRef;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

/** The columns of {@code mr_job} and how a {@link Job} is written to and read from them. */
final class JobRows {
  /** Every column that holds a field of the job, in the order {@link #bind} binds them. */
  static final String COLUMNS = "name, owner_account, owner_team, owner_user, owner_key_prefix, model_id, "
      + "model_version, model_name, job_type, input_type, input_file_name, input_media_type, status, "
      + "explain_results, timeout_nanos, hours_delete_input, priority, total_items, pending_items, running_items, "
      + "completed_items, failed_items, record_count, record_group_count, billed_usage, input_bytes, error_message, "
      + "created_at, submitted_at, started_at, finished_at, updated_at, deadline_at, version";
  static final int COLUMN_COUNT = COLUMNS.split(",").length;

  static final String SELECT = "SELECT id, " + COLUMNS + " FROM mr_job";
  static final String INSERT = "INSERT INTO mr_job (" + COLUMNS + ", id) VALUES (" + "?, ".repeat(COLUMN_COUNT)
      + "?)";
  /** Replaces every field; binds the job then its id and the version expected in the store. */
  static final String UPDATE = "UPDATE mr_job SET " + String.join(" = ?, ", COLUMNS.split(", ")) + " = ? "
      + "WHERE id = ? AND version = ?";

  private JobRows() {}

  /** Binds the job's fields to the first parameters, in the order of {@link #COLUMNS}; returns the next index. */
  static int bind(PreparedStatement statement, Job job) throws SQLException {
    return bind(statement, job, 1);
  }

  /** Binds the job's fields from parameter {@code first} on; returns the next index. */
  static int bind(PreparedStatement statement, Job job, int first) throws SQLException {
    int i = first;
    statement.setString(i++, job.name());
    statement.setString(i++, job.owner().account());
    statement.setString(i++, job.owner().team());
    statement.setString(i++, job.owner().user());
    statement.setString(i++, job.owner().keyPrefix());
    statement.setString(i++, job.model().identifier());
    statement.setString(i++, job.model().version());
    statement.setString(i++, job.modelName());
    statement.setString(i++, job.type().name());
    statement.setString(i++, job.input().type());
    statement.setString(i++, job.input().fileName());
    statement.setString(i++, job.input().mediaType());
    statement.setString(i++, job.status().name());
    statement.setBoolean(i++, job.explain());
    statement.setLong(i++, job.timeout().toNanos());
    statement.setInt(i++, job.hoursDeleteInput());
    statement.setInt(i++, job.priority());
    JobCounters counters = job.counters();
    statement.setLong(i++, counters.total());
    statement.setLong(i++, counters.pending());
    statement.setLong(i++, counters.inProgress());
    statement.setLong(i++, counters.completed());
    statement.setLong(i++, counters.failed());
    statement.setLong(i++, job.billing().recordCount());
    statement.setLong(i++, job.billing().recordGroupCount());
    statement.setLong(i++, job.billing().billedUsage());
    statement.setLong(i++, job.inputByteAmount());
    statement.setString(i++, job.errorMessage());
    statement.setObject(i++, timestamp(job.createdAt()));
    statement.setObject(i++, timestamp(job.submittedAt()));
    statement.setObject(i++, timestamp(job.startedAt()));
    statement.setObject(i++, timestamp(job.finishedAt()));
    statement.setObject(i++, timestamp(job.updatedAt()));
    statement.setObject(i++, timestamp(job.deadline().orElse(null)));
    statement.setLong(i++, job.version());
    return i;
  }

  /** Binds a new job for {@link #INSERT}. */
  static void bindInsert(PreparedStatement statement, Job job) throws SQLException {
    int next = bind(statement, job);
    statement.setObject(next, uuid(job.id()));
  }

  /** Binds a job for {@link #UPDATE}: on condition that the stored one is at the version before it. */
  static void bindUpdate(PreparedStatement statement, Job job) throws SQLException {
    int next = bind(statement, job);
    statement.setObject(next, uuid(job.id()));
    statement.setLong(next + 1, job.version() - 1);
  }

  /** Reads the job of the current row of a result set selected with {@link #SELECT}. */
  static Job read(ResultSet row) throws SQLException {
    int i = 1;
    JobId id = JobId.of(row.getObject(i++, UUID.class));
    String name = row.getString(i++);
    CallerIdentity owner = new CallerIdentity(row.getString(i++), row.getString(i++), row.getString(i++),
        row.getString(i++));
    ModelRef model = ModelRef.of(row.getString(i++), row.getString(i++));
    String modelName = row.getString(i++);
    JobType type = JobType.valueOf(row.getString(i++));
    InputDescription input = new InputDescription(row.getString(i++), row.getString(i++), row.getString(i++));
    JobStatus status = JobStatus.valueOf(row.getString(i++));
    boolean explain = row.getBoolean(i++);
    Duration timeout = Duration.ofNanos(row.getLong(i++));
    int hoursDeleteInput = row.getInt(i++);
    int priority = row.getInt(i++);
    JobCounters counters = new JobCounters(row.getLong(i++), row.getLong(i++), row.getLong(i++), row.getLong(i++),
        row.getLong(i++));
    Billing billing = new Billing(row.getLong(i++), row.getLong(i++), row.getLong(i++));
    long inputBytes = row.getLong(i++);
    String errorMessage = row.getString(i++);
    var createdAt = instant(row.getObject(i++, OffsetDateTime.class));
    var submittedAt = instant(row.getObject(i++, OffsetDateTime.class));
    var startedAt = instant(row.getObject(i++, OffsetDateTime.class));
    var finishedAt = instant(row.getObject(i++, OffsetDateTime.class));
    var updatedAt = instant(row.getObject(i++, OffsetDateTime.class));
    i++; // deadline_at: derived from submittedAt and timeout
    long version = row.getLong(i);
    return new Job(id, name, owner, model, modelName, type, input, status, explain, timeout, hoursDeleteInput,
        priority, counters, billing, inputBytes, errorMessage, createdAt, submittedAt, startedAt, finishedAt,
        updatedAt, version);
  }

  static UUID uuid(JobId id) {
    return UUID.fromString(id.value());
  }
}
