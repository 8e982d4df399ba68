package dev.modelrun.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The fast reading of short plain decimals gives exactly what {@code new BigDecimal(text)} gives, scale included. */
class PlainDecimalProperties {
  @Property(tries = 3000)
  void a_number_reads_as_big_decimal_reads_it(@ForAll("numberLike") String text) {
    BigDecimal expected;
    try {
      expected = new BigDecimal(text.strip());
    } catch (NumberFormatException e) {
      assertThatThrownBy(() -> FieldType.NUMBER.parseText(text)).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("expected a number but was '" + text + "'");
      return;
    }
    if (Math.abs(expected.scale()) > FieldType.MAX_NUMBER_SCALE) {
      assertThatThrownBy(() -> FieldType.NUMBER.parseText(text)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("at most " + FieldType.MAX_NUMBER_SCALE);
      return;
    }
    Object read = FieldType.NUMBER.parseText(text);
    assertThat(read).isEqualTo(expected);
    assertThat(((BigDecimal) read).scale()).isEqualTo(expected.scale());
    assertThat(((BigDecimal) read).precision()).isEqualTo(expected.precision());
  }

  @Example
  void edge_cases_read_as_big_decimal_reads_them() {
    for (String text : new String[] {"0", "-0", "+0.00", ".5", "-.5", "5.", "00012.3400", "999999999999999999",
        "-99999999999999999", "99999999999999999.9", "0.00000000000000001", "1e3", "1E-3", "١٢٣", "-", "+", ".",
        "1.2.3", "--1", "1-", " 7.25 ", "9223372036854775807", "12345678901234567890.5"}) {
      a_number_reads_as_big_decimal_reads_it(text);
    }
  }

  @Provide
  Arbitrary<String> numberLike() {
    Arbitrary<String> sign = Arbitraries.of("", "", "-", "+");
    Arbitrary<String> digits = Arbitraries.strings().withChars("0123456789").ofMinLength(0).ofMaxLength(20);
    Arbitrary<String> point = Arbitraries.of("", ".", ".", "e", "E-2", "..", "x");
    return Combinators.combine(sign, digits, point, digits)
        .as((s, whole, p, fraction) -> s + whole + p + fraction);
  }
}
