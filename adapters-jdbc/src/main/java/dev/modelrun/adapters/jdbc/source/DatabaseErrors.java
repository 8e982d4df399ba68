package dev.modelrun.adapters.jdbc.source;

import dev.modelrun.core.model.InvalidInputException;
import dev.modelrun.core.model.Secret;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.Set;

/**
 * Turns a database's failure into a client's 400: the message says what failed (connecting, logging in, the
 * query, a timeout) and quotes the database, with the password cut out wherever it appears. The cause kept is a
 * copy of the driver's exception holding only the cleaned message and the SQL state, so no log shows the password.
 */
final class DatabaseErrors {
  static final String MASK = "****";
  private static final int MAX_MESSAGE = 1_000;
  /** PostgreSQL's query_canceled, MariaDB's interrupted query. */
  private static final Set<String> TIMEOUT_STATES = Set.of("57014", "70100");

  private final String password;
  private final long timeoutSeconds;

  DatabaseErrors(Secret password, long timeoutSeconds) {
    this.password = password.value();
    this.timeoutSeconds = timeoutSeconds;
  }

  /** A failure to connect or log in. */
  InvalidInputException connecting(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String what = state.startsWith("28")
        ? "input.username and input.password: the database refused the login"
        : "input.url: could not connect to the database";
    return new InvalidInputException(what + ": " + clean(e), cleanCopy(e));
  }

  /** A failure of the query or of reading its rows, after {@code rowsRead} rows. */
  InvalidInputException querying(SQLException e, long rowsRead) {
    String where = rowsRead == 0 ? "" : " after " + rowsRead + " rows";
    if (e instanceof SQLTimeoutException || TIMEOUT_STATES.contains(e.getSQLState())) {
      return new InvalidInputException("input.query timed out" + where + " (the limit is " + timeoutSeconds
          + " s): " + clean(e), cleanCopy(e));
    }
    return new InvalidInputException("input.query failed" + where + ": " + clean(e), cleanCopy(e));
  }

  /** The text with every occurrence of the password masked. */
  String clean(String text) {
    String cleaned = text == null ? "" : text;
    if (!password.isEmpty()) {
      cleaned = cleaned.replace(password, MASK);
    }
    cleaned = cleaned.replaceAll("\\s+", " ").strip();
    return cleaned.length() <= MAX_MESSAGE ? cleaned : cleaned.substring(0, MAX_MESSAGE) + "...";
  }

  private String clean(SQLException e) {
    String message = clean(e.getMessage());
    return message.isEmpty() ? e.getClass().getSimpleName() : message;
  }

  private SQLException cleanCopy(SQLException e) {
    SQLException copy = new SQLException(clean(e), e.getSQLState(), e.getErrorCode());
    copy.setStackTrace(e.getStackTrace());
    return copy;
  }
}
