package dev.modelrun.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelrun.core.billing.Pricing;
import dev.modelrun.core.model.Field;
import dev.modelrun.core.model.FieldType;
import dev.modelrun.core.model.ModelDescriptor;
import dev.modelrun.core.model.ModelRef;
import dev.modelrun.core.model.ModelTimeouts;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegressionModelTest {
  private static final List<Field> FIELDS = List.of(Field.of("age", FieldType.INTEGER),
      Field.of("income", FieldType.NUMBER), Field.of("city", FieldType.STRING));

  private static ModelDescriptor descriptor(List<Field> fields, List<Field> outputs) {
    return new ModelDescriptor(ModelRef.of("churn", "1"), "Churn", "", List.of(), List.of(), fields, outputs, false,
        false, Pricing.of(1, 1), ModelTimeouts.of(Duration.ofSeconds(1), Duration.ofSeconds(1)));
  }

  private static Map<String, BigDecimal> coefficients() {
    Map<String, BigDecimal> coefficients = new LinkedHashMap<>();
    coefficients.put("age", new BigDecimal("0.25"));
    coefficients.put("income", new BigDecimal("-0.0001"));
    return coefficients;
  }

  @Test
  void linear_is_exact_to_the_formula() {
    RegressionModel model = RegressionModel.linear(descriptor(FIELDS, RegressionModel.LINEAR_OUTPUTS),
        new BigDecimal("1.1"), coefficients());

    List<Map<String, Object>> out = model.run(List.of(
        Map.of("age", 40L, "income", new BigDecimal("52000.37"), "city", "Oslo"),
        Map.of("age", 0L, "income", new BigDecimal("0.1"), "city", "")));

    // 1.1 + 0.25 * 40 - 0.0001 * 52000.37 = 5.899963; 1.1 + 0 - 0.00001 = 1.09999
    assertThat(out).containsExactly(Map.of("score", new BigDecimal("5.899963")),
        Map.of("score", new BigDecimal("1.09999")));
  }

  @Test
  void logistic_is_the_sigmoid_of_the_linear_part_and_labels_at_the_threshold() {
    RegressionModel model = RegressionModel.logistic(descriptor(FIELDS, RegressionModel.LOGISTIC_OUTPUTS),
        new BigDecimal("-3"), coefficients(), 0.5, "stays", "leaves");

    List<Map<String, Object>> out = model.run(List.of(
        Map.of("age", 40L, "income", new BigDecimal("52000.37"), "city", "Oslo"),
        Map.of("age", 12L, "income", new BigDecimal("0"), "city", "Rome"),
        Map.of("age", 1L, "income", new BigDecimal("100000"), "city", "Rome")));

    double z0 = -3 + 0.25 * 40 - 0.0001 * 52000.37; // 1.799963
    assertThat(out.get(0)).isEqualTo(Map.of("score", new BigDecimal(Double.toString(1 / (1 + Math.exp(-z0)))),
        "label", "leaves"));
    // z = 0 exactly: 0.5 is at the threshold, so the positive label
    assertThat(out.get(1)).isEqualTo(Map.of("score", new BigDecimal("0.5"), "label", "leaves"));
    double z2 = -3 + 0.25 - 10;
    assertThat(out.get(2)).isEqualTo(Map.of("score", new BigDecimal(Double.toString(1 / (1 + Math.exp(-z2)))),
        "label", "stays"));
  }

  @Test
  void a_missing_value_names_the_record_and_field() {
    RegressionModel model = RegressionModel.linear(descriptor(FIELDS, RegressionModel.LINEAR_OUTPUTS),
        BigDecimal.ZERO, coefficients());

    assertThatThrownBy(() -> model.run(List.of(Map.of("age", 1L, "income", BigDecimal.ONE), Map.of("age", 2L))))
        .hasMessage("record 2 has no field 'income'");
  }

  @Test
  void coefficients_must_name_numeric_fields_and_outputs_must_fit() {
    Map<String, BigDecimal> onCity = Map.of("city", BigDecimal.ONE);
    assertThatThrownBy(() -> RegressionModel.linear(descriptor(FIELDS, RegressionModel.LINEAR_OUTPUTS),
        BigDecimal.ZERO, onCity))
        .hasMessage("the coefficient 'city' of model churn@1 names a field of type string; it must be a number or "
            + "an integer");
    assertThatThrownBy(() -> RegressionModel.linear(descriptor(FIELDS, RegressionModel.LINEAR_OUTPUTS),
        BigDecimal.ZERO, Map.of("height", BigDecimal.ONE)))
        .hasMessage("the coefficient 'height' of model churn@1 names no field of it");
    assertThatThrownBy(() -> RegressionModel.linear(descriptor(FIELDS, RegressionModel.LOGISTIC_OUTPUTS),
        BigDecimal.ZERO, coefficients()))
        .hasMessage("the output fields of linear regression model churn@1 must be [score (number)] but were "
            + "[score (number), label (string)]");
    assertThatThrownBy(() -> RegressionModel.logistic(descriptor(FIELDS, RegressionModel.LOGISTIC_OUTPUTS),
        BigDecimal.ZERO, coefficients(), 1.0, "n", "p"))
        .hasMessage("the threshold of model churn@1 must be between 0 and 1 (exclusive) but was 1.0");
  }
}
