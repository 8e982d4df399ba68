package dev.modelrun.engine;

import static com.google.common.base.Preconditions.checkArgument;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.modelrun.core.mapping.OutputMapping;
import dev.modelrun.core.model.Field;
import dev.modelrun.core.model.FieldMapping;
import dev.modelrun.core.model.ModelDescriptor;
import dev.modelrun.core.model.ModelrunException;
import dev.modelrun.core.model.RecordFormat;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Writes output records in the format of the job's input. The output file is a {@link #prefix()}, the parts of the
 * batches in batch order joined by {@link #separator()}, then a {@link #suffix()}; each part holds its batch's
 * records in order, so parts written in any order make one file in input order.
 */
final class OutputCodec {
  // why: strict checking quotes only values that need it (a comma, a quote, a line break, edge spaces).
  private static final CsvFactory CSV = CsvFactory.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
      .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();
  private static final JsonFactory JSON = JsonFactory.builder()
      .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

  private final RecordFormat format;
  private final List<String> fields;
  private final List<String> columns;
  private final CsvSchema schema;

  /** @param fields the model's output fields, in order; @param columns the column of each, in the same order */
  OutputCodec(RecordFormat format, List<String> fields, List<String> columns) {
    checkArgument(fields.size() == columns.size(), "one column per output field");
    this.format = format;
    this.fields = List.copyOf(fields);
    this.columns = List.copyOf(columns);
    CsvSchema.Builder builder = CsvSchema.builder();
    columns.forEach(builder::addColumn);
    this.schema = builder.build();
  }

  /** The codec of a job's output: its input's format, the model's output fields under the mapping's columns. */
  static OutputCodec of(RecordFormat format, ModelDescriptor model, List<FieldMapping> outputMapping) {
    List<String> fields = model.outputFields().stream().map(Field::name).toList();
    return new OutputCodec(format, fields, OutputMapping.of(model.outputFields(), outputMapping).columns());
  }

  /** The output file's media type: the input's. */
  String mediaType() {
    return format.mediaType();
  }

  /** The output file's name for an input file's name: its base with {@code -results} and the format's extension. */
  String fileName(String inputFileName, String fallback) {
    String base = inputFileName.isBlank() ? fallback : inputFileName;
    int dot = base.lastIndexOf('.');
    if (dot > 0) {
      base = base.substring(0, dot);
    }
    String extension = switch (format) {
      case CSV_WITH_HEADER, CSV_WITHOUT_HEADER -> ".csv";
      case JSON_ARRAY -> ".json";
      case NDJSON -> ".ndjson";
    };
    return base + "-results" + extension;
  }

  /**
   * Writes one part: the model's output records of one batch, in order, each field under its column.
   *
   * @throws ModelrunException when an output record lacks one of the output fields
   */
  void writePart(OutputStream out, List<Map<String, Object>> records) throws IOException {
    try (PartWriter part = part(out)) {
      part.write(records);
    }
  }

  /** A part written a few records at a time, in order; closing it ends the part. */
  PartWriter part(OutputStream out) throws IOException {
    return new PartWriter(out);
  }

  /** One part being written: one Jackson generator for all of its records. */
  final class PartWriter implements Closeable {
    private final JsonGenerator generator;
    private boolean first = true;

    private PartWriter(OutputStream out) throws IOException {
      switch (format) {
        case CSV_WITH_HEADER, CSV_WITHOUT_HEADER -> {
          CsvGenerator csv = CSV.createGenerator(out);
          csv.setSchema(schema);
          generator = csv;
        }
        case JSON_ARRAY, NDJSON -> {
          generator = JSON.createGenerator(out);
          // why: no separator of Jackson's between root values; ours go in as raw text.
          generator.setPrettyPrinter(new MinimalPrettyPrinter(""));
        }
        default -> throw new IllegalStateException("unknown format " + format);
      }
    }

    /**
     * Writes the model's output records that follow those written before, each field under its column.
     *
     * @throws ModelrunException when an output record lacks one of the output fields
     */
    void write(List<Map<String, Object>> records) throws IOException {
      if (generator instanceof CsvGenerator csv) {
        for (Map<String, Object> record : records) {
          csv.writeStartArray();
          for (String field : fields) {
            value(csv, field(record, field));
          }
          csv.writeEndArray();
        }
        return;
      }
      for (Map<String, Object> record : records) {
        if (!first && format == RecordFormat.JSON_ARRAY) {
          generator.writeRaw(",\n");
        }
        first = false;
        generator.writeStartObject();
        for (int i = 0; i < fields.size(); i++) {
          generator.writeFieldName(columns.get(i));
          value(generator, field(record, fields.get(i)));
        }
        generator.writeEndObject();
        if (format == RecordFormat.NDJSON) {
          generator.writeRaw('\n');
        }
      }
    }

    @Override
    public void close() throws IOException {
      generator.close();
    }
  }

  /** What comes before the first part: the CSV header, or the JSON array's opening. */
  byte[] prefix() {
    return switch (format) {
      case CSV_WITH_HEADER -> header();
      case CSV_WITHOUT_HEADER, NDJSON -> new byte[0];
      case JSON_ARRAY -> "[\n".getBytes(UTF_8);
    };
  }

  /** What comes between two parts. */
  byte[] separator() {
    return format == RecordFormat.JSON_ARRAY ? ",\n".getBytes(UTF_8) : new byte[0];
  }

  /** What comes after the last part. */
  byte[] suffix() {
    return format == RecordFormat.JSON_ARRAY ? "\n]\n".getBytes(UTF_8) : new byte[0];
  }

  private byte[] header() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CsvGenerator csv = CSV.createGenerator(out)) {
      csv.setSchema(schema);
      csv.writeStartArray();
      for (String column : columns) {
        csv.writeString(column);
      }
      csv.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  // why: what OutputMapping.apply checks, without a renamed copy of every record.
  private static Object field(Map<String, Object> record, String field) {
    Object value = record == null ? null : record.get(field);
    if (value == null) {
      throw new ModelrunException("the model's output lacks output field '" + field + "'");
    }
    return value;
  }

  // why: BigDecimal.toPlainString makes a String of the digits, then a StringBuilder to place the point in; a number
  // whose unscaled value fits a long is written from its digits in one go here (at scale 0 as a long, with no text).
  private static void number(JsonGenerator out, BigDecimal number) throws IOException {
    int scale = number.scale();
    if (scale < 0 || number.precision() > 18) {
      out.writeNumber(number);
      return;
    }
    long unscaled = number.movePointRight(scale).longValueExact();
    if (scale == 0) {
      out.writeNumber(unscaled);
    } else {
      out.writeNumber(plain(unscaled, scale));
    }
  }

  /**
   * The plain text of {@code unscaled × 10^-scale} (what {@link BigDecimal#toPlainString()} gives), for {@code scale
   * > 0} and {@code |unscaled| < 10^18}.
   */
  static String plain(long unscaled, int scale) {
    checkArgument(scale > 0 && unscaled > -1_000_000_000_000_000_000L && unscaled < 1_000_000_000_000_000_000L,
        "unscaled %s, scale %s", unscaled, scale);
    char[] chars = new char[Math.max(18, scale + 1) + 2];
    int at = chars.length;
    long rest = Math.abs(unscaled);
    int digits = 0;
    do {
      if (digits == scale) {
        chars[--at] = '.';
      }
      chars[--at] = (char) ('0' + rest % 10);
      rest /= 10;
      digits++;
    } while (rest > 0 || digits <= scale);
    if (unscaled < 0) {
      chars[--at] = '-';
    }
    return new String(chars, at, chars.length - at);
  }

  private static void value(JsonGenerator out, Object value) throws IOException {
    switch (value) {
      case String text -> out.writeString(text);
      case BigDecimal number -> number(out, number);
      case Long number -> out.writeNumber(number);
      case Integer number -> out.writeNumber(number);
      case BigInteger number -> out.writeNumber(number);
      case Double number when Double.isFinite(number) -> out.writeNumber(number);
      case Float number when Float.isFinite(number) -> out.writeNumber(number);
      case Boolean bool -> out.writeBoolean(bool);
      default -> out.writeString(value.toString());
    }
  }
}
