package dev.modelrun.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelrun.core.billing.Pricing;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelDescriptorTest {
  private static final ModelRef REF = ModelRef.of("m", "1.0.0");
  private static final ModelTimeouts TIMEOUTS = ModelTimeouts.of(Duration.ofSeconds(1), Duration.ofSeconds(1));
  private static final ModelInput INPUT = new ModelInput("in", List.of("text/plain"), 10);
  private static final ModelOutput OUTPUT = new ModelOutput("out", "application/json");
  private static final Field X = Field.of("x", FieldType.NUMBER);

  private static ModelDescriptor of(List<ModelInput> inputs, List<ModelOutput> outputs, List<Field> fields,
      List<Field> outputFields) {
    return new ModelDescriptor(REF, "M", "", inputs, outputs, fields, outputFields, false, false, Pricing.of(1, 1),
        TIMEOUTS);
  }

  @Test
  void an_item_model_has_inputs_and_outputs_and_finds_them_by_name() {
    ModelDescriptor model = of(List.of(INPUT), List.of(OUTPUT), List.of(), List.of());
    assertThat(model.isTabular()).isFalse();
    assertThat(model.input("in")).contains(INPUT);
    assertThat(model.input("other")).isEmpty();
    assertThat(model.output("out")).contains(OUTPUT);
  }

  @Test
  void a_tabular_model_has_fields_and_output_fields() {
    ModelDescriptor model = of(List.of(), List.of(), List.of(X), List.of(Field.of("a", FieldType.STRING)));
    assertThat(model.isTabular()).isTrue();
    assertThat(model.field("x")).contains(X);
    assertThat(model.outputField("a")).isPresent();
    assertThat(model.outputField("x")).isEmpty();
  }

  @Test
  void a_model_is_never_both_kinds_nor_neither() {
    assertThatThrownBy(() -> of(List.of(INPUT), List.of(OUTPUT), List.of(X), List.of(X)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> of(List.of(), List.of(), List.of(), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void each_kind_needs_both_of_its_lists() {
    assertThatThrownBy(() -> of(List.of(INPUT), List.of(), List.of(), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> of(List.of(), List.of(), List.of(X), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void names_are_unique_within_each_list() {
    assertThatThrownBy(() -> of(List.of(INPUT, INPUT), List.of(OUTPUT), List.of(), List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("model m@1.0.0 declares input 'in' twice");
    assertThatThrownBy(() -> of(List.of(), List.of(), List.of(X, X), List.of(X)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_field_and_an_output_field_may_share_a_name() {
    assertThat(of(List.of(), List.of(), List.of(X), List.of(X)).field("x")).isPresent();
  }

  @Test
  void lists_are_copied() {
    List<ModelInput> inputs = new java.util.ArrayList<>(List.of(INPUT));
    ModelDescriptor model = of(inputs, List.of(OUTPUT), List.of(), List.of());
    inputs.clear();
    assertThat(model.inputs()).containsExactly(INPUT);
  }

  @Test
  void a_model_ref_prints_as_identifier_at_version_and_needs_both() {
    assertThat(REF).hasToString("m@1.0.0");
    assertThatThrownBy(() -> ModelRef.of("", "1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ModelRef.of("m", " ")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void timeouts_must_be_positive() {
    assertThatThrownBy(() -> ModelTimeouts.of(Duration.ZERO, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ModelTimeouts.of(Duration.ofSeconds(1), Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
