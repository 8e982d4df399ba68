package dev.modelrun.adapters.jdbc;

import static dev.modelrun.adapters.jdbc.Transactions.timestamp;

import dev.modelrun.core.model.CallerIdentity;
import dev.modelrun.core.model.JobQuery;
import dev.modelrun.core.model.JobStatus;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** A {@link JobQuery} of one owner as SQL: the WHERE clause with its parameters, and the ORDER BY. */
record HistoryQuery(String where, List<Object> parameters, String orderBy) {
  private static final String SUBMITTED = "COALESCE(submitted_at, created_at)";

  static HistoryQuery of(CallerIdentity owner, JobQuery query, Dialect dialect) {
    List<String> conditions = new ArrayList<>();
    List<Object> parameters = new ArrayList<>();
    conditions.add("owner_key_prefix = ?");
    parameters.add(owner.keyPrefix());
    conditions.add("status IN (" + Arrays.stream(JobStatus.values()).filter(query.status()::matches)
        .map(status -> "'" + status.name() + "'").collect(Collectors.joining(", ")) + ")");
    if (!query.model().isEmpty()) {
      conditions.add("(LOWER(model_id) = LOWER(?) OR LOWER(model_name) = LOWER(?))");
      parameters.add(query.model());
      parameters.add(query.model());
    }
    if (!query.user().isEmpty()) {
      conditions.add("owner_user = ?");
      parameters.add(query.user());
    }
    if (!query.accessKey().isEmpty()) {
      conditions.add("owner_key_prefix = ?");
      parameters.add(query.accessKey());
    }
    if (query.from() != null) {
      conditions.add(SUBMITTED + " >= ?");
      parameters.add(timestamp(query.from()));
    }
    if (query.to() != null) {
      conditions.add(SUBMITTED + " <= ?");
      parameters.add(timestamp(query.to()));
    }
    String key = switch (query.sortBy()) {
      case SUBMITTED_AT -> SUBMITTED;
      case CREATED_AT -> "created_at";
      case UPDATED_AT -> "updated_at";
      case NAME -> dialect.binaryOrder("name");
      case STATUS -> dialect.binaryOrder("status");
      case MODEL -> dialect.binaryOrder("model_id");
    };
    String orderBy = key + (query.ascending() ? " ASC" : " DESC") + ", " + dialect.binaryOrder("CAST(id AS VARCHAR)");
    return new HistoryQuery("WHERE " + String.join(" AND ", conditions), List.copyOf(parameters), orderBy);
  }

  /** Binds the parameters of {@link #where}; returns the next parameter index. */
  int bind(PreparedStatement statement) throws SQLException {
    int i = 1;
    for (Object parameter : parameters) {
      statement.setObject(i++, parameter);
    }
    return i;
  }
}
