package dev.modelrun.core.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelrun.core.model.Field;
import dev.modelrun.core.model.FieldMapping;
import dev.modelrun.core.model.FieldType;
import dev.modelrun.core.model.InvalidInputException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InputMappingTest {
  private static final List<Field> FIELDS = List.of(Field.of("x", FieldType.NUMBER), Field.of("y", FieldType.NUMBER));

  @Test
  void a_field_without_mapping_reads_the_column_of_its_own_name() {
    InputMapping mapping = InputMapping.of(FIELDS, List.of());

    assertThat(mapping.apply(1, Map.of("x", "1.5", "y", "2")))
        .containsExactly(Map.entry("x", new BigDecimal("1.5")), Map.entry("y", new BigDecimal("2")));
  }

  @Test
  void a_mapped_field_reads_the_source_column() {
    InputMapping mapping = InputMapping.of(FIELDS, List.of(FieldMapping.of("width", "x")));

    assertThat(mapping.columnsByField()).containsExactly(Map.entry("x", "width"), Map.entry("y", "y"));
    assertThat(mapping.apply(1, Map.of("width", "3", "x", "999", "y", "4")))
        .containsEntry("x", new BigDecimal("3"));
  }

  @Test
  void an_empty_source_means_the_fields_own_column() {
    InputMapping mapping = InputMapping.of(FIELDS, List.of(FieldMapping.withDefault("", "x", "0")));
    assertThat(mapping.columnsByField()).containsEntry("x", "x");
    assertThat(mapping.apply(1, Map.of("y", "1"))).containsEntry("x", new BigDecimal("0"));
  }

  @Test
  void two_fields_may_read_the_same_column() {
    InputMapping mapping = InputMapping.of(FIELDS, List.of(FieldMapping.of("v", "x"), FieldMapping.of("v", "y")));
    assertThat(mapping.apply(1, Map.of("v", "7"))).containsOnly(Map.entry("x", new BigDecimal("7")),
        Map.entry("y", new BigDecimal("7")));
  }

  @Test
  void an_empty_missing_or_null_value_takes_the_default() {
    InputMapping mapping = InputMapping.of(FIELDS, List.of(FieldMapping.withDefault("x", "x", "2.50")));
    Map<String, Object> withNull = new HashMap<>();
    withNull.put("x", null);
    withNull.put("y", "1");

    assertThat(mapping.apply(1, Map.of("x", "", "y", "1")).get("x")).isEqualTo(new BigDecimal("2.50"));
    assertThat(mapping.apply(2, Map.of("y", "1")).get("x")).isEqualTo(new BigDecimal("2.50"));
    assertThat(mapping.apply(3, withNull).get("x")).isEqualTo(new BigDecimal("2.50"));
  }

  @Test
  void a_present_value_wins_over_the_default() {
    InputMapping mapping = InputMapping.of(FIELDS, List.of(FieldMapping.withDefault("x", "x", "2")));
    assertThat(mapping.apply(1, Map.of("x", "5", "y", "1")).get("x")).isEqualTo(new BigDecimal("5"));
  }

  @Test
  void a_missing_value_without_default_is_refused_naming_row_field_and_column() {
    InputMapping mapping = InputMapping.of(FIELDS, List.of(FieldMapping.of("width", "x")));

    assertThatThrownBy(() -> mapping.apply(7, Map.of("y", "1")))
        .isInstanceOfSatisfying(MappingException.class, e -> {
          assertThat(e.row()).isEqualTo(7);
          assertThat(e.field()).isEqualTo("x");
          assertThat(e).hasMessage("row 7, field 'x': no value in column 'width' and no defaultValue");
        })
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void a_value_of_the_wrong_type_is_refused_naming_row_field_and_what_was_expected() {
    InputMapping mapping = InputMapping.of(FIELDS, List.of());
    assertThatThrownBy(() -> mapping.apply(2, Map.of("x", "abc", "y", "1")))
        .isInstanceOf(MappingException.class)
        .hasMessage("row 2, field 'x': column 'x' expected a number but was 'abc'");
    assertThatThrownBy(() -> mapping.apply(3, Map.of("x", true, "y", "1")))
        .isInstanceOf(MappingException.class)
        .hasMessage("row 3, field 'x': column 'x' expected a number but was the boolean true");
  }

  @Test
  void a_default_that_does_not_parse_as_the_field_type_is_refused_when_the_mapping_is_made() {
    assertThatThrownBy(() -> InputMapping.of(FIELDS, List.of(FieldMapping.withDefault("x", "y", "lots"))))
        .isInstanceOf(InvalidInputException.class)
        .isNotInstanceOf(MappingException.class)
        .hasMessageContaining("field 'y'")
        .hasMessageContaining("'lots'")
        .hasMessageContaining("number");
  }

  @Test
  void a_destination_that_is_not_a_model_field_is_refused_naming_the_entry() {
    assertThatThrownBy(() -> InputMapping.of(FIELDS, List.of(FieldMapping.of("a", "x"), FieldMapping.of("b", "z"))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("mapping[1].destination 'z' is not a field of the model (fields: [x, y])");
  }

  @Test
  void a_field_mapped_twice_is_refused() {
    assertThatThrownBy(() -> InputMapping.of(FIELDS, List.of(FieldMapping.of("a", "x"), FieldMapping.of("b", "x"))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("mapping[1].destination 'x' is mapped twice");
  }

  @Test
  void fields_come_out_in_the_models_order_whatever_the_column_order() {
    InputMapping mapping = InputMapping.of(FIELDS, List.of());
    Map<String, Object> columns = new java.util.LinkedHashMap<>();
    columns.put("extra", "ignored");
    columns.put("y", "2");
    columns.put("x", "1");
    assertThat(mapping.apply(1, columns).keySet()).containsExactly("x", "y");
  }

  @Test
  void values_are_typed_by_the_field_from_text_and_from_json_scalars() {
    List<Field> fields = List.of(Field.of("s", FieldType.STRING), Field.of("i", FieldType.INTEGER),
        Field.of("n", FieldType.NUMBER), Field.of("b", FieldType.BOOLEAN));
    InputMapping mapping = InputMapping.of(fields, List.of());

    assertThat(mapping.apply(1, Map.of("s", " a b ", "i", "42", "n", "0.1", "b", "TRUE")))
        .containsExactly(Map.entry("s", " a b "), Map.entry("i", 42L), Map.entry("n", new BigDecimal("0.1")),
            Map.entry("b", true));
    assertThat(mapping.apply(1, Map.of("s", 12, "i", 42.0, "n", 0.1, "b", false)))
        .containsExactly(Map.entry("s", "12"), Map.entry("i", 42L), Map.entry("n", new BigDecimal("0.1")),
            Map.entry("b", false));
  }

  @Test
  void a_string_field_may_default_to_the_empty_string() {
    InputMapping mapping = InputMapping.of(List.of(Field.of("s", FieldType.STRING)),
        List.of(FieldMapping.withDefault("s", "s", "")));
    assertThat(mapping.apply(1, Map.of())).containsExactly(Map.entry("s", ""));
  }
}
