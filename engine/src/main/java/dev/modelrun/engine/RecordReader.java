package dev.modelrun.engine;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.modelrun.core.model.Field;
import dev.modelrun.core.model.InvalidInputException;
import dev.modelrun.core.model.RecordFormat;
import java.io.CharConversionException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
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
  private static final int MAX_STRING_LENGTH = 16 * 1024 * 1024;
  private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
      .maxStringLength(MAX_STRING_LENGTH).build();
  private static final JsonFactory JSON = JsonFactory.builder().streamReadConstraints(LIMITS).build();

  private final Closeable source;
  private final String formatName;
  long row;

  private RecordReader(Closeable source, String formatName) {
    this.source = source;
    this.formatName = formatName;
  }

  /** A reader of {@code in} (which it closes) in {@code format}; the model's fields name headerless columns. */
  static RecordReader open(InputStream in, RecordFormat format, List<Field> fields) throws IOException {
    return switch (format) {
      case CSV_WITH_HEADER -> new Csv(in, null);
      case CSV_WITHOUT_HEADER -> new Csv(in, fields.stream().map(Field::name).toList());
      case JSON_ARRAY -> new JsonArray(JSON.createParser(in));
      case NDJSON -> new Ndjson(JSON.createParser(in));
    };
  }

  /**
   * The next record's values by column (text for CSV; string, number or boolean for JSON; a missing column or JSON
   * null has no value), or {@code null} after the last record. {@link #row()} is then its 1-based number. The values
   * are good until the next call.
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
      throw notValid(problem.lines().findFirst().orElse(problem), e);
    }
  }

  /** The 1-based number of the record {@link #next()} gave last. */
  final long row() {
    return row;
  }

  abstract Map<String, ?> read() throws IOException;

  @Override
  public final void close() throws IOException {
    source.close();
  }

  final InvalidInputException refuse(String problem) {
    return new InvalidInputException("row " + (row + 1) + ": " + problem);
  }

  final InvalidInputException notValid(String problem, Exception cause) {
    return new InvalidInputException("row " + (row + 1) + ": the file is not valid " + formatName + ": " + problem,
        cause);
  }

  /**
   * CSV (RFC 4180: comma-separated, values in double quotes may hold commas, line breaks and doubled quotes; lines
   * end in LF, CRLF or CR; lines empty or of spaces are skipped, as are spaces that start a line or follow a closing
   * quote; UTF-8, with or without a byte order mark), read straight from its bytes: the first row is the header unless
   * the columns are given.
   */
  // why: Jackson's CsvParser makes a String of every value; a model reads a few columns of many, so a record's values
  // are kept as places in the buffer and only those asked for become text. Every byte is still checked as UTF-8.
  private static final class Csv extends RecordReader {
    // why: one record is held whole; bounded like a value of the JSON formats, times a few columns of it.
    static final int MAX_RECORD_BYTES = 4 * MAX_STRING_LENGTH;
    private static final int NEED_MORE = -1;

    private final InputStream in;
    private byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private boolean eof;
    private boolean started;
    private Map<String, Integer> index;
    private int width;
    // the values of the current record: bytes [starts[i], ends[i]) of buf; quoted ones with "" still doubled
    private int[] starts = new int[16];
    private int[] ends = new int[16];
    private boolean[] doubled = new boolean[16];
    private int count;
    private final Row current = new Row();

    Csv(InputStream in, List<String> columns) {
      super(in, "CSV");
      this.in = in;
      if (columns != null) {
        named(columns);
      }
    }

    @Override
    Map<String, ?> read() throws IOException {
      if (!started) {
        started = true;
        skipByteOrderMark();
      }
      if (index == null) {
        if (!record()) {
          return null;
        }
        List<String> header = new ArrayList<>(count);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < count; i++) {
          String column = text(i);
          if (!seen.add(column)) {
            throw new InvalidInputException("the CSV header names column '" + column + "' twice");
          }
          header.add(column);
        }
        named(header);
      }
      if (!record()) {
        return null;
      }
      if (count > width) {
        throw refuse("has " + count + " values, but the file has " + width + " columns");
      }
      return current;
    }

    private void named(List<String> columns) {
      index = HashMap.newHashMap(columns.size());
      for (int i = 0; i < columns.size(); i++) {
        index.put(columns.get(i), i);
      }
      width = columns.size();
    }

    private void skipByteOrderMark() throws IOException {
      while (limit < 3 && !eof) {
        fill();
      }
      if (limit >= 3 && buf[0] == (byte) 0xEF && buf[1] == (byte) 0xBB && buf[2] == (byte) 0xBF) {
        pos = 3;
      }
    }

    /** Reads the next record's places into starts/ends; false at the end of the file. */
    private boolean record() throws IOException {
      while (true) {
        int next = scan();
        if (next == NEED_MORE) {
          fill();
          continue;
        }
        if (count == 0) {
          // an empty line: skipped, as no record
          pos = next;
          if (pos >= limit && eof) {
            return false;
          }
          continue;
        }
        pos = next;
        return true;
      }
    }

    /**
     * Scans one record (or an empty line) from {@code pos}: sets its values and gives the position after its line
     * end, or {@link #NEED_MORE} when the buffer ends inside it before the end of the file. Count 0 is an empty line.
     */
    private int scan() {
      byte[] b = buf;
      int end = limit;
      int p = pos;
      count = 0;
      // why: as Jackson's parser did: spaces that start a line are skipped, and a line of spaces is an empty line.
      while (p < end && b[p] == ' ') {
        p++;
      }
      if (p >= end) {
        return eof ? p : NEED_MORE;
      }
      if (b[p] == '\n' || b[p] == '\r') {
        return lineEnd(p);
      }
      while (true) {
        if (p < end && b[p] == '"') {
          int start = ++p;
          boolean hasDoubled = false;
          while (true) {
            if (p >= end) {
              if (eof) {
                throw notValid("a quoted value lacks its closing quote", null);
              }
              return NEED_MORE;
            }
            byte c = b[p];
            if (c == '"') {
              if (p + 1 >= end && !eof) {
                return NEED_MORE;
              }
              if (p + 1 < end && b[p + 1] == '"') {
                hasDoubled = true;
                p += 2;
                continue;
              }
              break;
            }
            if (c < 0) {
              int length = utf8(b, p, end);
              if (length == NEED_MORE) {
                return NEED_MORE;
              }
              p += length;
            } else {
              p++;
            }
          }
          add(start, p, hasDoubled);
          p++;
          while (p < end && b[p] == ' ') {
            p++;
          }
          if (p >= end) {
            return eof ? p : NEED_MORE;
          }
          byte c = b[p];
          if (c == ',') {
            p++;
            continue;
          }
          if (c == '\n' || c == '\r') {
            return lineEnd(p);
          }
          throw notValid("a quoted value is followed by '" + (char) (c & 0xFF) + "' instead of a comma or the end of"
              + " the line", null);
        }
        int start = p;
        while (true) {
          if (p >= end) {
            if (!eof) {
              return NEED_MORE;
            }
            add(start, p, false);
            return p;
          }
          byte c = b[p];
          if (c == ',') {
            add(start, p, false);
            p++;
            break;
          }
          if (c == '\n' || c == '\r') {
            add(start, p, false);
            return lineEnd(p);
          }
          if (c < 0) {
            int length = utf8(b, p, end);
            if (length == NEED_MORE) {
              return NEED_MORE;
            }
            p += length;
          } else {
            p++;
          }
        }
      }
    }

    /** The position after the line end at {@code p} (LF, CR or CRLF), or NEED_MORE when a CR ends the buffer. */
    private int lineEnd(int p) {
      if (buf[p] == '\n') {
        return p + 1;
      }
      if (p + 1 < limit) {
        return buf[p + 1] == '\n' ? p + 2 : p + 1;
      }
      return eof ? p + 1 : NEED_MORE;
    }

    /** The length of the UTF-8 sequence at {@code p}, NEED_MORE when the buffer ends inside it. */
    private int utf8(byte[] b, int p, int end) {
      int lead = b[p] & 0xFF;
      int length;
      int min = 0x80;
      int max = 0xBF;
      if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
      } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0) {
          min = 0xA0;
        } else if (lead == 0xED) {
          max = 0x9F;
        }
      } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0) {
          min = 0x90;
        } else if (lead == 0xF4) {
          max = 0x8F;
        }
      } else {
        throw notUtf8(lead);
      }
      for (int i = 1; i < length; i++) {
        if (p + i >= end) {
          if (eof) {
            throw notValid("it is not UTF-8: the file ends inside a character", null);
          }
          return NEED_MORE;
        }
        int next = b[p + i] & 0xFF;
        if (next < (i == 1 ? min : 0x80) || next > (i == 1 ? max : 0xBF)) {
          throw notUtf8(next);
        }
      }
      return length;
    }

    private InvalidInputException notUtf8(int value) {
      return notValid(String.format(Locale.ROOT, "it is not UTF-8: byte 0x%02X is out of place", value), null);
    }

    private void add(int start, int end, boolean hasDoubled) {
      if (count == starts.length) {
        starts = Arrays.copyOf(starts, count * 2);
        ends = Arrays.copyOf(ends, count * 2);
        doubled = Arrays.copyOf(doubled, count * 2);
      }
      starts[count] = start;
      ends[count] = end;
      doubled[count] = hasDoubled;
      count++;
    }

    /** Moves the record being read to the start of the buffer and reads more after it. */
    private void fill() throws IOException {
      if (pos > 0) {
        System.arraycopy(buf, pos, buf, 0, limit - pos);
        limit -= pos;
        pos = 0;
      }
      if (limit == buf.length) {
        if (buf.length >= MAX_RECORD_BYTES) {
          throw refuse("a record is longer than " + MAX_RECORD_BYTES / (1024 * 1024) + " MiB");
        }
        buf = Arrays.copyOf(buf, Math.min(MAX_RECORD_BYTES, buf.length * 2));
      }
      int read = in.read(buf, limit, buf.length - limit);
      if (read < 0) {
        eof = true;
      } else {
        limit += read;
      }
    }

    /** The text of value {@code i} of the current record. */
    private String text(int i) {
      int start = starts[i];
      int length = ends[i] - start;
      if (length == 0) {
        return "";
      }
      if (length > MAX_STRING_LENGTH) {
        throw refuse("value " + (i + 1) + " is longer than " + MAX_STRING_LENGTH + " bytes");
      }
      if (!doubled[i]) {
        return new String(buf, start, length, StandardCharsets.UTF_8);
      }
      byte[] unquoted = new byte[length];
      int n = 0;
      for (int p = start; p < ends[i]; p++) {
        unquoted[n++] = buf[p];
        if (buf[p] == '"') {
          p++;
        }
      }
      return new String(unquoted, 0, n, StandardCharsets.UTF_8);
    }

    /** The current record seen as values by column, without copying it into a map. */
    private final class Row extends AbstractMap<String, String> {
      @Override
      public String get(Object column) {
        Integer i = index.get(column);
        return i == null || i >= count ? null : text(i);
      }

      @Override
      public boolean containsKey(Object column) {
        return get(column) != null;
      }

      @Override
      public Set<Entry<String, String>> entrySet() {
        Map<String, String> copy = new HashMap<>();
        index.forEach((column, i) -> {
          if (i < count) {
            copy.put(column, text(i));
          }
        });
        return copy.entrySet();
      }
    }
  }

  /** The JSON formats, read with Jackson's parser. */
  private abstract static sealed class Json extends RecordReader {
    final JsonParser parser;

    Json(JsonParser parser, String formatName) {
      super(parser, formatName);
      this.parser = parser;
    }
  }

  /** A JSON array of objects. */
  private static final class JsonArray extends Json {
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
  private static final class Ndjson extends Json {
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
  private static Map<String, Object> object(Json reader) throws IOException {
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
}
