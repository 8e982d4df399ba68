package dev.modelrun.adapters.jdbc;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows streamed into a PostgreSQL table with {@code COPY ... FROM STDIN} in text format, on the caller's connection
 * and so in its transaction: a failure before {@link #finish} (or a rollback after) leaves none of them.
 *
 * <p>Fields are added in the order of the columns, then {@link #endRow}; {@link #close} cancels a copy not finished,
 * so the connection can roll back. Text is escaped as COPY's text format requires (backslash, newline, carriage
 * return and tab, the delimiter, each after a backslash; null as {@code \N}); bytes go in bytea's hex form, whose
 * leading backslash is itself escaped.
 */
final class PgCopy implements AutoCloseable {
  private static final int BUFFER_BYTES = 1 << 16;
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NULL = {'\\', 'N'};

  private final CopyIn copy;
  private final byte[] buffer = new byte[BUFFER_BYTES];
  private int length;
  private boolean rowStarted;
  private UUID lastUuid;
  private byte[] lastUuidText;

  private PgCopy(CopyIn copy) {
    this.copy = copy;
  }

  /** Starts copying into {@code table}'s {@code columns} (a comma-separated list); the other columns get defaults. */
  static PgCopy into(Connection connection, String table, String columns) throws SQLException {
    return new PgCopy(connection.unwrap(PGConnection.class).getCopyAPI()
        .copyIn("COPY " + table + " (" + columns + ") FROM STDIN"));
  }

  /** The next field: text, or null. */
  PgCopy text(String value) throws SQLException {
    startField();
    if (value == null) {
      put(NULL);
      return this;
    }
    put(escaped(value).getBytes(StandardCharsets.UTF_8));
    return this;
  }

  PgCopy number(long value) throws SQLException {
    startField();
    put(Long.toString(value).getBytes(StandardCharsets.US_ASCII));
    return this;
  }

  PgCopy bool(boolean value) throws SQLException {
    startField();
    put(value ? (byte) 't' : (byte) 'f');
    return this;
  }

  /** The next field: a timestamp with time zone, in microseconds (rounded half up, as the JDBC driver sends one). */
  PgCopy timestamp(Instant value) throws SQLException {
    startField();
    put(value.plusNanos(500).truncatedTo(ChronoUnit.MICROS).toString().getBytes(StandardCharsets.US_ASCII));
    return this;
  }

  PgCopy uuid(UUID value) throws SQLException {
    startField();
    // why: every row of a copy names the same job; its text is made once, not once a row.
    if (!value.equals(lastUuid)) {
      lastUuid = value;
      lastUuidText = value.toString().getBytes(StandardCharsets.US_ASCII);
    }
    put(lastUuidText);
    return this;
  }

  /** The next field: a bytea, or null. */
  PgCopy bytes(byte[] value) throws SQLException {
    startField();
    if (value == null) {
      put(NULL);
      return this;
    }
    // why: bytea's text form is \x and hex digits; in COPY's text format that backslash must be written \\, or COPY
    // reads \x01 as the escape of byte 1 and the bytea input gets a single character.
    put((byte) '\\');
    put((byte) '\\');
    put((byte) 'x');
    for (byte b : value) {
      put(HEX[(b >> 4) & 0xF]);
      put(HEX[b & 0xF]);
    }
    return this;
  }

  void endRow() throws SQLException {
    put((byte) '\n');
    rowStarted = false;
  }

  /** Sends what is left and ends the copy; answers the number of rows copied. */
  long finish() throws SQLException {
    flush();
    return copy.endCopy();
  }

  /** Cancels the copy when it did not finish (a failure on the way), which the server then refuses as a whole. */
  @Override
  public void close() throws SQLException {
    if (copy.isActive()) {
      copy.cancelCopy();
    }
  }

  private static String escaped(String value) {
    int first = 0;
    while (first < value.length() && !special(value.charAt(first))) {
      first++;
    }
    if (first == value.length()) {
      return value;
    }
    StringBuilder out = new StringBuilder(value.length() + 8).append(value, 0, first);
    for (int i = first; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean special(char c) {
    return c == '\\' || c == '\n' || c == '\r' || c == '\t';
  }

  private void startField() throws SQLException {
    if (rowStarted) {
      put((byte) '\t');
    }
    rowStarted = true;
  }

  private void put(byte[] bytes) throws SQLException {
    if (bytes.length > buffer.length - length) {
      flush();
      if (bytes.length > buffer.length) {
        copy.writeToCopy(bytes, 0, bytes.length);
        return;
      }
    }
    System.arraycopy(bytes, 0, buffer, length, bytes.length);
    length += bytes.length;
  }

  private void put(byte b) throws SQLException {
    if (length == buffer.length) {
      flush();
    }
    buffer[length++] = b;
  }

  private void flush() throws SQLException {
    if (length > 0) {
      copy.writeToCopy(buffer, 0, length);
      length = 0;
    }
  }
}
