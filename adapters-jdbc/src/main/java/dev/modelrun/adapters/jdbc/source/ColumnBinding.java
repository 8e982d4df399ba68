package dev.modelrun.adapters.jdbc.source;

import static java.util.Objects.requireNonNull;

import dev.modelrun.core.model.InputData;
import dev.modelrun.core.model.InvalidInputException;
import dev.modelrun.core.model.ModelInput;
import java.io.IOException;
import java.io.InputStream;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Locale;

/**
 * One result column feeding one model input. Character, numeric, date and other columns give their text
 * ({@code text/plain}, UTF-8); boolean columns {@code true} or {@code false}; binary columns their bytes
 * ({@code application/octet-stream}). A NULL is refused, naming the row and the column: a model input must have a
 * value, and an empty text in its place would be a value the database never held.
 */
record ColumnBinding(ModelInput input, int column, String label, Kind kind) {
  static final String TEXT = "text/plain";
  static final String BINARY = "application/octet-stream";

  ColumnBinding {
    requireNonNull(input, "input");
    requireNonNull(label, "label");
    requireNonNull(kind, "kind");
  }

  /** How a column's values become bytes. */
  enum Kind {
    TEXT, BOOLEAN, BINARY
  }

  static ColumnBinding of(ModelInput input, int column, ResultSetMetaData meta) throws SQLException {
    String label = meta.getColumnLabel(column);
    Kind kind = kindOf(meta.getColumnType(column), meta.getColumnTypeName(column), meta.getPrecision(column));
    String mediaType = kind == Kind.BINARY ? BINARY : TEXT;
    if (!input.accepts(mediaType)) {
      throw new InvalidInputException("input.query column '" + label + "' (" + meta.getColumnTypeName(column)
          + ") gives " + mediaType + ", which model input '" + input.name() + "' does not accept (it accepts "
          + input.acceptedMediaTypes() + "): give it a binary column");
    }
    return new ColumnBinding(input, column, label, kind);
  }

  private static Kind kindOf(int sqlType, String typeName, int precision) {
    return switch (sqlType) {
      case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> Kind.BINARY;
      case Types.BOOLEAN -> Kind.BOOLEAN;
      // why: PostgreSQL reports boolean as BIT, MariaDB reports BIT(1) and TINYINT(1) as BIT.
      case Types.BIT -> typeName.toLowerCase(Locale.ROOT).startsWith("bool") || precision <= 1
          ? Kind.BOOLEAN : Kind.TEXT;
      default -> Kind.TEXT;
    };
  }

  /**
   * The value of this column in the current row.
   *
   * @throws InvalidInputException when it is NULL or over the model input's maximum size, naming row and column
   */
  InputData read(ResultSet rows, long row) throws SQLException {
    InputData data = switch (kind) {
      case TEXT -> {
        String text = rows.getString(column);
        yield text == null ? null : InputData.text(text);
      }
      case BOOLEAN -> {
        boolean value = rows.getBoolean(column);
        yield rows.wasNull() ? null : InputData.text(Boolean.toString(value));
      }
      case BINARY -> binary(rows, row);
    };
    if (data == null) {
      throw new InvalidInputException("input.query row " + row + ", column '" + label + "' is NULL, but model "
          + "input '" + input.name() + "' needs a value in every row (leave such rows out with a WHERE clause, "
          + "or give a default with COALESCE)");
    }
    if (data.size() > input.maximumSize()) {
      throw tooBig(row, data.size() + " bytes");
    }
    return data;
  }

  // why: a large object is read only up to the model input's maximum, not whole into memory.
  private InputData binary(ResultSet rows, long row) throws SQLException {
    try (InputStream in = rows.getBinaryStream(column)) {
      if (in == null) {
        return null;
      }
      long limit = input.maximumSize();
      byte[] bytes = in.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 8));
      if (bytes.length > limit) {
        throw tooBig(row, "more than " + limit + " bytes");
      }
      return InputData.bytes(BINARY, bytes);
    } catch (IOException e) {
      throw new SQLException("reading column '" + label + "' of row " + row + " failed: " + e.getMessage(), e);
    }
  }

  private InvalidInputException tooBig(long row, String size) {
    return new InvalidInputException("input.query row " + row + ", column '" + label + "' is " + size
        + ", over the maximum of " + input.maximumSize() + " bytes of model input '" + input.name() + "'");
  }
}
