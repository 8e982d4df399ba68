package dev.modelrun.engine;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.modelrun.core.model.Field;
import dev.modelrun.core.model.FieldType;
import dev.modelrun.core.model.InvalidInputException;
import dev.modelrun.core.model.RecordFormat;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordReaderTest {
  private static final CsvFactory JACKSON = CsvFactory.builder().enable(CsvParser.Feature.SKIP_EMPTY_LINES).build();

  // Each file is read with reads of 1, 2, 3, 5 and 64 KiB bytes, so every value and line end also meets the end of
  // the reader's buffer.
  private static final List<String> FILES = List.of(
      "a,b,c\n1,2,3\n4,5,6\n",
      "a,b,c\r\n1,2,3\r\n4,5,6",
      "a,b,c\r1,2,3\r4,5,6\r",
      "a,b,c\n\n1,2,3\n\n\n4,5,6\n\n",
      "a,b,c\n1,,\n,,\n\"\",x,\"\"\n",
      "a,b,c\n\"1,5\",\"say \"\"hi\"\"\",\"two\nlines\"\n\"\"\"\",\"\"\"\"\"\",\"a\r\nb\"\n",
      "a,b,c\n1\n1,2\n",
      "a,b,c\n x , y ,z \n",
      "a,b,c\nx\"y,\"\"\"q\",3\n",
      "\uFEFFa,b,c\n1,2,3\n",
      "a,é,c\nü,日本,😀\n\"é,ü\",\"日\n本\",x\n",
      "a,b,c\n1,2,3",
      "a,b,c\n   \n  \"q,r\" ,\"x\"  ,  z\n\t1,2\n \r\n  ");

  @Test
  void reads_every_record_as_jacksons_csv_parser_does() throws IOException {
    for (String file : FILES) {
      List<Map<String, String>> expected = jackson(file);
      for (int chunk : new int[] {1, 2, 3, 5, 1 << 16}) {
        assertThat(ours(file, chunk)).as("%s read %s bytes at a time", file, chunk).isEqualTo(expected);
      }
    }
  }

  @Test
  void without_a_header_the_columns_are_the_given_names() throws IOException {
    try (RecordReader reader = RecordReader.open(new ByteArrayInputStream("1,\"a,b\"\n2,c\n".getBytes(UTF_8)),
        RecordFormat.CSV_WITHOUT_HEADER, List.of(Field.of("x", FieldType.NUMBER), Field.of("y", FieldType.STRING)))) {
      assertThat(reader.next()).isEqualTo(Map.of("x", "1", "y", "a,b"));
      assertThat(reader.row()).isEqualTo(1);
      assertThat(reader.next()).isEqualTo(Map.of("x", "2", "y", "c"));
      assertThat(reader.next()).isNull();
    }
  }

  @Test
  void a_value_longer_than_the_buffer_is_read_whole() throws IOException {
    String big = "v".repeat(200_000);
    assertThat(ours("a,b\n1,\"" + big + "\"\n2," + big + "\n", 1 << 16))
        .containsExactly(Map.of("a", "1", "b", big), Map.of("a", "2", "b", big));
  }

  @Test
  void what_is_not_csv_is_refused_naming_the_row() {
    assertRefused("a,b\n1,2\n3,\"4\n", "row 2: the file is not valid CSV: a quoted value lacks its closing quote");
    assertRefused("a,b\n1,2\n3,\"4\"x\n", "row 2: the file is not valid CSV: a quoted value is followed by 'x'");
    assertRefused("a,b\n1,2\n1,2,3\n", "row 2: has 3 values, but the file has 2 columns");
    byte[] latin1 = "a,b\n1,2\n3,caf\u00e9\n".getBytes(ISO_8859_1);
    assertThatThrownBy(() -> ours(latin1, 1 << 16)).isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("row 2: the file is not valid CSV: it is not UTF-8");
    byte[] cut = new byte[] {'a', '\n', 'x', (byte) 0xE6, (byte) 0x97};
    assertThatThrownBy(() -> ours(cut, 1)).isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("row 1: the file is not valid CSV: it is not UTF-8");
    byte[] surrogate = new byte[] {'a', '\n', (byte) 0xED, (byte) 0xA0, (byte) 0x80};
    assertThatThrownBy(() -> ours(surrogate, 1 << 16)).isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("row 1: the file is not valid CSV: it is not UTF-8: byte 0xA0");
  }

  private static void assertRefused(String file, String message) {
    for (int chunk : new int[] {1, 1 << 16}) {
      assertThatThrownBy(() -> ours(file, chunk)).isInstanceOf(InvalidInputException.class)
          .hasMessageStartingWith(message);
    }
  }

  private static List<Map<String, String>> ours(String file, int chunk) throws IOException {
    return ours(file.getBytes(UTF_8), chunk);
  }

  private static List<Map<String, String>> ours(byte[] file, int chunk) throws IOException {
    List<Map<String, String>> records = new ArrayList<>();
    try (RecordReader reader = RecordReader.open(new Trickle(new ByteArrayInputStream(file), chunk),
        RecordFormat.CSV_WITH_HEADER, List.of())) {
      Map<String, ?> record;
      while ((record = reader.next()) != null) {
        assertThat(reader.row()).isEqualTo(records.size() + 1);
        records.add(new LinkedHashMap<>(copy(record)));
      }
    }
    return records;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> copy(Map<String, ?> record) {
    return Map.copyOf((Map<String, String>) record);
  }

  private static List<Map<String, String>> jackson(String file) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    try (CsvParser parser = JACKSON.createParser(file.getBytes(UTF_8))) {
      JsonToken token;
      List<String> row = null;
      while ((token = parser.nextToken()) != null) {
        if (token == JsonToken.START_ARRAY) {
          row = new ArrayList<>();
        } else if (token == JsonToken.END_ARRAY) {
          rows.add(row);
        } else {
          row.add(parser.getText());
        }
      }
    }
    List<String> header = rows.getFirst();
    List<Map<String, String>> records = new ArrayList<>();
    for (List<String> row : rows.subList(1, rows.size())) {
      Map<String, String> record = new LinkedHashMap<>();
      for (int i = 0; i < row.size(); i++) {
        record.put(header.get(i), row.get(i));
      }
      records.add(record);
    }
    return records;
  }

  /** Gives at most {@code chunk} bytes per read. */
  private static final class Trickle extends FilterInputStream {
    private final int chunk;

    Trickle(InputStream in, int chunk) {
      super(in);
      this.chunk = chunk;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return super.read(b, off, Math.min(len, chunk));
    }
  }
}
