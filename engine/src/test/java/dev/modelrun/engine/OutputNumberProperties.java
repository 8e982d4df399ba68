package dev.modelrun.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelrun.core.model.RecordFormat;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** Output numbers are written with every digit and the scale they have, in record order, in every format. */
class OutputNumberProperties {
  @Property(tries = 2000)
  void a_number_is_written_as_its_plain_text(@ForAll("decimals") BigDecimal number) {
    if (number.scale() > 0 && number.precision() <= 18) {
      assertThat(OutputCodec.plain(number.movePointRight(number.scale()).longValueExact(), number.scale()))
          .isEqualTo(number.toPlainString());
    }
  }

  @Property(tries = 300)
  void a_part_holds_every_number_exactly_in_record_order(@ForAll("lists") List<BigDecimal> numbers)
      throws Exception {
    List<Map<String, Object>> records = new ArrayList<>();
    for (BigDecimal number : numbers) {
      records.add(Map.of("a", number, "b", "x"));
    }
    String expectedCsv = numbers.stream().map(n -> n.toPlainString() + ",x\n").collect(Collectors.joining());
    String expectedNdjson = numbers.stream().map(n -> "{\"A\":" + n.toPlainString() + ",\"B\":\"x\"}\n")
        .collect(Collectors.joining());

    assertThat(part(RecordFormat.CSV_WITH_HEADER, records)).isEqualTo(expectedCsv);
    assertThat(part(RecordFormat.NDJSON, records)).isEqualTo(expectedNdjson);
  }

  private static String part(RecordFormat format, List<Map<String, Object>> records) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new OutputCodec(format, List.of("a", "b"), List.of("A", "B")).writePart(out, records);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Provide
  Arbitrary<List<BigDecimal>> lists() {
    return decimals().list().ofMaxSize(40);
  }

  @Provide
  Arbitrary<BigDecimal> decimals() {
    Arbitrary<BigInteger> small = Arbitraries.longs().between(-999_999_999_999_999_999L, 999_999_999_999_999_999L)
        .map(BigInteger::valueOf);
    Arbitrary<BigInteger> large = Arbitraries.bigIntegers().between(new BigInteger("-1" + "0".repeat(30)),
        new BigInteger("1" + "0".repeat(30)));
    Arbitrary<BigInteger> unscaled = Arbitraries.frequencyOf(
        Tuple.of(5, small), Tuple.of(1, large),
        Tuple.of(1, Arbitraries.of(BigInteger.ZERO, BigInteger.ONE, BigInteger.ONE.negate(),
            BigInteger.valueOf(999_999_999_999_999_999L), BigInteger.valueOf(-999_999_999_999_999_999L),
            BigInteger.TEN.pow(18), BigInteger.TEN.pow(18).negate())));
    Arbitrary<Integer> scale = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.integers().between(0, 6)),
        Tuple.of(2, Arbitraries.integers().between(-5, 40)),
        Tuple.of(1, Arbitraries.integers().between(-1000, 1000)));
    return Combinators.combine(unscaled, scale).as(BigDecimal::new);
  }
}
