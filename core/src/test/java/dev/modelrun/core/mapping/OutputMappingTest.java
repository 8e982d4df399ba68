package dev.modelrun.core.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelrun.core.model.Field;
import dev.modelrun.core.model.FieldMapping;
import dev.modelrun.core.model.FieldType;
import dev.modelrun.core.model.InvalidInputException;
import dev.modelrun.core.model.ModelrunException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutputMappingTest {
  private static final List<Field> OUTPUT_FIELDS = List.of(Field.of("a", FieldType.NUMBER),
      Field.of("b", FieldType.NUMBER), Field.of("c", FieldType.STRING));

  @Test
  void without_mapping_the_columns_are_the_output_fields_in_the_models_order() {
    OutputMapping mapping = OutputMapping.of(OUTPUT_FIELDS, List.of());
    assertThat(mapping.columns()).containsExactly("a", "b", "c");
    assertThat(mapping.apply(Map.of("c", "pos", "a", 1, "b", 2)))
        .containsExactly(Map.entry("a", 1), Map.entry("b", 2), Map.entry("c", "pos"));
  }

  @Test
  void a_mapping_renames_a_field_and_keeps_its_place() {
    OutputMapping mapping = OutputMapping.of(OUTPUT_FIELDS, List.of(FieldMapping.of("b", "product")));
    assertThat(mapping.columns()).containsExactly("a", "product", "c");
    assertThat(mapping.apply(Map.of("a", 1, "b", 2, "c", "pos")))
        .containsExactly(Map.entry("a", 1), Map.entry("product", 2), Map.entry("c", "pos"));
  }

  @Test
  void two_fields_may_swap_names() {
    OutputMapping mapping = OutputMapping.of(OUTPUT_FIELDS,
        List.of(FieldMapping.of("a", "b"), FieldMapping.of("b", "a")));
    assertThat(mapping.apply(Map.of("a", 1, "b", 2, "c", "pos")))
        .containsExactly(Map.entry("b", 1), Map.entry("a", 2), Map.entry("c", "pos"));
  }

  @Test
  void a_source_that_is_not_an_output_field_is_refused_naming_the_entry() {
    assertThatThrownBy(() -> OutputMapping.of(OUTPUT_FIELDS, List.of(FieldMapping.of("x", "sum"))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("outputMapping[0].source 'x' is not an output field of the model (output fields: [a, b, c])");
  }

  @Test
  void a_field_mapped_twice_is_refused() {
    assertThatThrownBy(() -> OutputMapping.of(OUTPUT_FIELDS,
        List.of(FieldMapping.of("a", "s"), FieldMapping.of("a", "t"))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("outputMapping[1].source 'a' is mapped twice");
  }

  @Test
  void two_fields_written_to_one_column_are_refused() {
    assertThatThrownBy(() -> OutputMapping.of(OUTPUT_FIELDS, List.of(FieldMapping.of("a", "b"))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("column 'b'");
  }

  @Test
  void a_blank_destination_is_refused() {
    assertThatThrownBy(() -> FieldMapping.of("a", " ")).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void a_model_output_lacking_a_declared_field_is_an_error_naming_it() {
    OutputMapping mapping = OutputMapping.of(OUTPUT_FIELDS, List.of());
    assertThatThrownBy(() -> mapping.apply(Map.of("a", 1, "b", 2)))
        .isInstanceOf(ModelrunException.class)
        .hasMessage("the model's output lacks output field 'c'");
  }

  @Test
  void extra_model_output_is_not_written() {
    OutputMapping mapping = OutputMapping.of(OUTPUT_FIELDS, List.of());
    assertThat(mapping.apply(Map.of("a", 1, "b", 2, "c", "x", "debug", 9))).doesNotContainKey("debug");
  }
}
