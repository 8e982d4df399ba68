package dev.modelrun.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class FieldTypeTest {

  @Test
  void labels_are_lower_case_names() {
    assertThat(FieldType.NUMBER.label()).isEqualTo("number");
    assertThat(FieldType.parse("Integer")).isEqualTo(FieldType.INTEGER);
    assertThat(FieldType.parse("BOOLEAN")).isEqualTo(FieldType.BOOLEAN);
  }

  @Test
  void an_unknown_label_is_refused_naming_the_choices() {
    assertThatThrownBy(() -> FieldType.parse("float")).isInstanceOf(InvalidInputException.class)
        .hasMessage("field type must be one of string, integer, number, boolean but was 'float'");
  }

  @Test
  void text_is_read_as_the_type_says() {
    assertThat(FieldType.STRING.parseText(" as is ")).isEqualTo(" as is ");
    assertThat(FieldType.INTEGER.parseText(" -12 ")).isEqualTo(-12L);
    assertThat(FieldType.NUMBER.parseText("0.10")).isEqualTo(new BigDecimal("0.10"));
    assertThat(FieldType.NUMBER.parseText("1e3")).isEqualTo(new BigDecimal("1e3"));
    assertThat(FieldType.BOOLEAN.parseText(" False ")).isEqualTo(false);
  }

  @Test
  void numbers_keep_every_digit_the_client_sent() {
    String digits = "12345678901234567890.12345678901234567890";
    assertThat(FieldType.NUMBER.parseText(digits)).isEqualTo(new BigDecimal(digits));
  }

  @Test
  void text_of_the_wrong_type_is_refused_saying_what_was_expected() {
    assertThatThrownBy(() -> FieldType.INTEGER.parseText("1.5")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expected an integer but was '1.5'");
    assertThatThrownBy(() -> FieldType.NUMBER.parseText("")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expected a number but was ''");
    assertThatThrownBy(() -> FieldType.NUMBER.parseText("NaN")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FieldType.BOOLEAN.parseText("yes")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expected true or false but was 'yes'");
  }

  @Test
  void numbers_whose_exact_digits_would_not_fit_any_sensible_memory_are_refused() {
    assertThatThrownBy(() -> FieldType.NUMBER.parseText("1e999999999")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expected a number of at most 1000 decimal places and at most 1000 trailing zeros"
            + " but was '1e999999999'");
    assertThatThrownBy(() -> FieldType.NUMBER.parseText("1e-1001")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FieldType.NUMBER.coerce(new BigDecimal("1e-999999999")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(FieldType.NUMBER.parseText("1e1000")).isEqualTo(new BigDecimal("1e1000"));
    assertThat(FieldType.NUMBER.parseText("1e-1000")).isEqualTo(new BigDecimal("1e-1000"));
    assertThat(FieldType.NUMBER.coerce(Double.MAX_VALUE)).isEqualTo(new BigDecimal(Double.toString(Double.MAX_VALUE)));
  }

  @Test
  void a_json_number_that_is_not_finite_is_refused() {
    assertThatThrownBy(() -> FieldType.NUMBER.coerce(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expected a number but was NaN");
    assertThatThrownBy(() -> FieldType.INTEGER.coerce(Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("expected an integer but was Infinity");
  }

  @Test
  void json_scalars_are_converted_exactly() {
    assertThat(FieldType.NUMBER.coerce(0.1)).isEqualTo(new BigDecimal("0.1"));
    assertThat(FieldType.NUMBER.coerce(7)).isEqualTo(new BigDecimal("7"));
    assertThat(FieldType.NUMBER.coerce(new BigInteger("123456789012345678901234567890")))
        .isEqualTo(new BigDecimal("123456789012345678901234567890"));
    assertThat(FieldType.INTEGER.coerce(3.0)).isEqualTo(3L);
    assertThat(FieldType.INTEGER.coerce(new BigDecimal("4"))).isEqualTo(4L);
    assertThat(FieldType.STRING.coerce(1.5)).isEqualTo("1.5");
    assertThat(FieldType.STRING.coerce(true)).isEqualTo("true");
    assertThat(FieldType.BOOLEAN.coerce(true)).isEqualTo(true);
    assertThat(FieldType.NUMBER.coerce("2.5")).isEqualTo(new BigDecimal("2.5"));
  }

  @Test
  void json_scalars_that_do_not_fit_are_refused_naming_the_type() {
    assertThatThrownBy(() -> FieldType.INTEGER.coerce(1.5)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expected an integer but was 1.5");
    assertThatThrownBy(() -> FieldType.INTEGER.coerce(new BigDecimal("1e30")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FieldType.NUMBER.coerce(true)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expected a number but was the boolean true");
    assertThatThrownBy(() -> FieldType.BOOLEAN.coerce(1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expected a boolean but was the number 1");
    assertThatThrownBy(() -> FieldType.INTEGER.coerce(java.util.List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("expected an integer but was a ");
  }
}
