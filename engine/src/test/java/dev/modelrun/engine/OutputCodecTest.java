package dev.modelrun.engine;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.modelrun.core.model.RecordFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OutputCodecTest {
  // what OutputCodec used to write its CSV parts with, and still writes the header with
  private static final CsvFactory JACKSON = CsvFactory.builder()
      .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
      .build();
  private static final List<Object> VALUES = List.of("", " ", " a ", "#a", "a,b", "a\"b", "\"", "\"\"", "a\nb",
      "a\r\nb", "\ta\t", "\u0001", "é", "日本", "😀", "say \"é, 日\"\n", "a;b'c\\", "x".repeat(40_000),
      ("\"é," + "y".repeat(20_000)).repeat(3), 0L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, 7, Integer.MIN_VALUE, true,
      false, 1.0, 1e10, -0.0, 0.1f, new BigInteger("-123456789012345678901234567890"), new BigDecimal("1E+5"),
      new BigDecimal("-0.00"), new BigDecimal("12.5"), new BigDecimal("-999999999999999999"),
      new BigDecimal("0.000000000000000000000000000001"), new BigDecimal("1234567890123456789.5"),
      new BigDecimal(BigInteger.valueOf(-5), 2000), new StringBuilder("other, types"));

  @Test
  void a_csv_part_is_what_jacksons_generator_wrote() throws IOException {
    SplittableRandom random = new SplittableRandom(6);
    List<Map<String, Object>> records = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      records.add(Map.of("a", pick(random), "b", pick(random), "c", pick(random)));
    }
    ByteArrayOutputStream ours = new ByteArrayOutputStream();
    new OutputCodec(RecordFormat.CSV_WITH_HEADER, List.of("a", "b", "c"), List.of("A", "B", "C"))
        .writePart(ours, records);

    assertThat(ours.toString(UTF_8)).isEqualTo(jackson(records));
  }

  private static Object pick(SplittableRandom random) {
    return VALUES.get(random.nextInt(VALUES.size()));
  }

  private static String jackson(List<Map<String, Object>> records) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CsvGenerator csv = JACKSON.createGenerator(out)) {
      csv.setSchema(CsvSchema.builder().addColumn("A").addColumn("B").addColumn("C").build());
      for (Map<String, Object> record : records) {
        csv.writeStartArray();
        for (String field : List.of("a", "b", "c")) {
          switch (record.get(field)) {
            case String text -> csv.writeString(text);
            case BigDecimal number -> csv.writeNumber(number);
            case BigInteger number -> csv.writeNumber(number);
            case Long number -> csv.writeNumber(number);
            case Integer number -> csv.writeNumber(number);
            case Double number -> csv.writeNumber(number);
            case Float number -> csv.writeNumber(number);
            case Boolean bool -> csv.writeBoolean(bool);
            case Object other -> csv.writeString(other.toString());
          }
        }
        csv.writeEndArray();
      }
    }
    return out.toString(UTF_8);
  }
}
