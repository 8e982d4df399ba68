package dev.modelrun.engine;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.modelrun.core.model.Field;
import dev.modelrun.core.model.InvalidInputException;
import dev.modelrun.core.model.RecordFormat;
import java.io.CharConversionException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the records of an uploaded file one at a time, as values by column name, never holding more than one record:
 * CSV with or without a header (without one, the columns are named by position as the model's fields in order), a
 * JSON array of objects, or NDJSON. Refuses what is not of the format with {@link InvalidInputException} naming the
 * 1-based record.
 */
abstract sealed class RecordReader implements Closeable {
  // why: a single string value may be long (a text column), but not without bound.
  private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
      .maxStringLength(16 * 1024 * 1024).build();
  private static final CsvFactory CSV = CsvFactory.builder().enable(CsvParser.Feature.SKIP_EMPTY_LINES)
      .streamReadConstraints(LIMITS).build();
  private static final JsonFactory JSON = JsonFactory.builder().streamReadConstraints(LIMITS).build();

  final JsonParser parser;
  private final String formatName;
  long row;

  private RecordReader(JsonParser parser, String formatName) {
    this.parser = parser;
    this.formatName = formatName;
  }

  /** A reader of {@code in} (which it closes) in {@code format}; the model's fields name headerless columns. */
  static RecordReader open(InputStream in, RecordFormat format, List<Field> fields) throws IOException {
    return switch (format) {
      case CSV_WITH_HEADER -> new Csv(CSV.createParser(in), null);
      case CSV_WITHOUT_HEADER -> new Csv(CSV.createParser(in), headerless(fields));
      case JSON_ARRAY -> new JsonArray(JSON.createParser(in));
      case NDJSON -> new Ndjson(JSON.createParser(in));
    };
  }

  /**
   * A reader of a piece of a CSV file that starts at a record's start, after {@code rowsBefore} records: its first
   * row is its header when {@code columns} is {@code null}, else its columns are {@code columns}.
   */
  static RecordReader csv(InputStream in, List<String> columns, long rowsBefore) throws IOException {
    RecordReader reader = new Csv(CSV.createParser(in), columns);
    reader.row = rowsBefore;
    return reader;
  }

  /** The names of the columns of a CSV file without header: the model's fields in order. */
  static List<String> headerless(List<Field> fields) {
    return fields.stream().map(Field::name).toList();
  }

  /** The columns of a CSV file, once its header was read (or as given); {@code null} before, and for JSON. */
  List<String> columns() {
    return null;
  }

  /**
   * The next record's values by column (text for CSV; string, number or boolean for JSON; a missing column or JSON
   * null has no value), or {@code null} after the last record. {@link #row()} is then its 1-based number.
   *
   * @throws InvalidInputException when the file is not of its format there
   */
  final Map<String, ?> next() throws IOException {
    try {
      Map<String, ?> record = read();
      if (record != null) {
        row++;
      }
      return record;
    } catch (JacksonException | CharConversionException e) {
      String problem = e instanceof JacksonException jackson ? jackson.getOriginalMessage() : e.getMessage();
      throw new InvalidInputException("row " + (row + 1) + ": the file is not valid " + formatName + ": "
          + problem.lines().findFirst().orElse(problem), e);
    }
  }

  /** The 1-based number of the record {@link #next()} gave last. */
  final long row() {
    return row;
  }

  abstract Map<String, ?> read() throws IOException;

  @Override
  public final void close() throws IOException {
    parser.close();
  }

  final InvalidInputException refuse(String problem) {
    return new InvalidInputException("row " + (row + 1) + ": " + problem);
  }

  /** CSV: rows as arrays of strings; the first row is the header unless the columns are given. */
  private static final class Csv extends RecordReader {
    private Map<String, Integer> index;
    private List<String> columns;
    private int width;

    Csv(JsonParser parser, List<String> columns) {
      super(parser, "CSV");
      if (columns != null) {
        named(columns);
      }
    }

    @Override
    Map<String, ?> read() throws IOException {
      if (index == null) {
        List<String> header = cells();
        if (header == null) {
          return null;
        }
        Set<String> seen = new HashSet<>();
        for (String column : header) {
          if (!seen.add(column)) {
            throw new InvalidInputException("the CSV header names column '" + column + "' twice");
          }
        }
        named(header);
      }
      List<String> cells = cells();
      if (cells == null) {
        return null;
      }
      if (cells.size() > width) {
        throw refuse("has " + cells.size() + " values, but the file has " + width + " columns");
      }
      return new Row(index, cells);
    }

    @Override
    List<String> columns() {
      return columns;
    }

    private void named(List<String> columns) {
      this.columns = List.copyOf(columns);
      index = HashMap.newHashMap(columns.size());
      for (int i = 0; i < columns.size(); i++) {
        index.put(columns.get(i), i);
      }
      width = columns.size();
    }

    private List<String> cells() throws IOException {
      JsonToken token = parser.nextToken();
      if (token == null) {
        return null;
      }
      List<String> cells = new ArrayList<>(Math.max(width, 4));
      while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
        cells.add(parser.getText());
      }
      return cells;
    }
  }

  /** A JSON array of objects. */
  private static final class JsonArray extends RecordReader {
    private boolean started;

    JsonArray(JsonParser parser) {
      super(parser, "JSON");
    }

    @Override
    Map<String, ?> read() throws IOException {
      if (!started) {
        started = true;
        if (parser.nextToken() != JsonToken.START_ARRAY) {
          throw new InvalidInputException("the file is not a JSON array of objects");
        }
      }
      JsonToken token = parser.nextToken();
      if (token == JsonToken.END_ARRAY) {
        if (parser.nextToken() != null) {
          throw new InvalidInputException("the file has content after its JSON array");
        }
        return null;
      }
      if (token != JsonToken.START_OBJECT) {
        throw refuse("is not a JSON object");
      }
      return object(this);
    }
  }

  /** One JSON object per line. */
  private static final class Ndjson extends RecordReader {
    Ndjson(JsonParser parser) {
      super(parser, "NDJSON");
    }

    @Override
    Map<String, ?> read() throws IOException {
      JsonToken token = parser.nextToken();
      if (token == null) {
        return null;
      }
      if (token != JsonToken.START_OBJECT) {
        throw refuse("is not a JSON object");
      }
      return object(this);
    }
  }

  /** The scalar members of the object whose start the parser is on; nested values are refused. */
  private static Map<String, Object> object(RecordReader reader) throws IOException {
    JsonParser parser = reader.parser;
    Map<String, Object> values = new HashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String column = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (value) {
        case VALUE_STRING -> values.put(column, parser.getText());
        case VALUE_NUMBER_INT -> values.put(column, parser.getNumberValue());
        case VALUE_NUMBER_FLOAT -> values.put(column, parser.getDecimalValue());
        case VALUE_TRUE -> values.put(column, Boolean.TRUE);
        case VALUE_FALSE -> values.put(column, Boolean.FALSE);
        case VALUE_NULL -> values.remove(column);
        default -> throw reader.refuse("column '" + column + "' holds a nested " + (value == JsonToken.START_ARRAY
            ? "array" : "object") + "; values must be strings, numbers, booleans or null");
      }
    }
    return values;
  }

  /** A CSV row seen as values by column, without copying it into a map. */
  private static final class Row extends AbstractMap<String, String> {
    private final Map<String, Integer> index;
    private final List<String> cells;

    Row(Map<String, Integer> index, List<String> cells) {
      this.index = index;
      this.cells = cells;
    }

    @Override
    public String get(Object column) {
      Integer i = index.get(column);
      return i == null || i >= cells.size() ? null : cells.get(i);
    }

    @Override
    public boolean containsKey(Object column) {
      return get(column) != null;
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
      Map<String, String> copy = new HashMap<>();
      index.forEach((column, i) -> {
        if (i < cells.size()) {
          copy.put(column, cells.get(i));
        }
      });
      return copy.entrySet();
    }
  }
}
