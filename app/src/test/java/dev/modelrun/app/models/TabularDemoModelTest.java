package dev.modelrun.app.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelrun.core.model.Field;
import dev.modelrun.core.model.FieldType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TabularDemoModelTest {
  private final TabularDemoModel model = new TabularDemoModel();

  private static Map<String, Object> record(String x, String y) {
    return Map.of("x", new BigDecimal(x), "y", new BigDecimal(y));
  }

  private Map<String, Object> runOne(String x, String y) {
    List<Map<String, Object>> outputs = model.run(List.of(record(x, y)));
    assertThat(outputs).hasSize(1);
    return outputs.getFirst();
  }

  @Test
  void adds_and_multiplies_exactly() {
    Map<String, Object> output = runOne("0.1", "0.2");
    assertThat(output).containsExactly(Map.entry("a", new BigDecimal("0.3")), Map.entry("b", new BigDecimal("0.02")),
        Map.entry("c", "pos"));
  }

  @Test
  void keeps_every_digit_of_large_and_precise_numbers() {
    Map<String, Object> output = runOne("12345678901234567890.123456789", "-0.000000001");
    assertThat(output.get("a")).isEqualTo(new BigDecimal("12345678901234567890.123456788"));
    assertThat(output.get("b")).isEqualTo(new BigDecimal("-12345678901.234567890123456789"));
    assertThat(output.get("c")).isEqualTo("neg");
  }

  @Test
  void a_product_of_zero_is_pos() {
    assertThat(runOne("0", "-5").get("c")).isEqualTo("pos");
    assertThat(runOne("-0.0", "3").get("c")).isEqualTo("pos");
  }

  @Test
  void the_sign_of_the_product_decides_pos_or_neg() {
    assertThat(runOne("-2", "-3").get("c")).isEqualTo("pos");
    assertThat(runOne("2", "3").get("c")).isEqualTo("pos");
    assertThat(runOne("-2", "3").get("c")).isEqualTo("neg");
    assertThat(runOne("0.001", "-0.001").get("c")).isEqualTo("neg");
  }

  @Test
  void outputs_come_in_the_order_of_the_records() {
    List<Map<String, Object>> outputs = model.run(List.of(record("1", "1"), record("2", "2"), record("3", "-3")));
    assertThat(outputs).extracting(o -> o.get("a"))
        .containsExactly(new BigDecimal("2"), new BigDecimal("4"), new BigDecimal("0"));
    assertThat(outputs).extracting(o -> o.get("c")).containsExactly("pos", "pos", "neg");
  }

  @Test
  void an_empty_batch_gives_no_outputs() {
    assertThat(model.run(List.of())).isEmpty();
  }

  @Test
  void integral_values_are_accepted_as_numbers() {
    assertThat(model.run(List.of(Map.of("x", 2L, "y", new BigDecimal("1.5")))).getFirst())
        .containsEntry("a", new BigDecimal("3.5")).containsEntry("b", new BigDecimal("3.0"));
  }

  @Test
  void a_missing_or_non_numeric_field_is_refused_naming_record_and_field() {
    assertThatThrownBy(() -> model.run(List.of(record("1", "1"), Map.of("x", BigDecimal.ONE))))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("record 2 has no field 'y'");
    assertThatThrownBy(() -> model.run(List.of(Map.of("x", "one", "y", BigDecimal.ONE))))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("record 1: field 'x' must be a number but was one");
  }

  @Test
  void describes_itself_as_the_api_says() {
    var descriptor = model.descriptor();
    assertThat(descriptor.ref().identifier()).isEqualTo("tabular-demo");
    assertThat(descriptor.ref().version()).isEqualTo("1.0.0");
    assertThat(descriptor.name()).isEqualTo("Tabular Demo");
    assertThat(descriptor.isTabular()).isTrue();
    assertThat(descriptor.fields()).containsExactly(Field.of("x", FieldType.NUMBER), Field.of("y", FieldType.NUMBER));
    assertThat(descriptor.outputFields()).containsExactly(Field.of("a", FieldType.NUMBER),
        Field.of("b", FieldType.NUMBER), Field.of("c", FieldType.STRING));
    assertThat(descriptor.pricing().recordsPerGroup()).isEqualTo(5);
    assertThat(descriptor.pricing().unitsPerGroup()).isEqualTo(20);
    assertThat(descriptor.explainSupported()).isFalse();
  }
}
