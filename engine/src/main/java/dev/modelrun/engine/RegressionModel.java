package dev.modelrun.engine;

import static java.util.Objects.requireNonNull;

import dev.modelrun.core.model.Field;
import dev.modelrun.core.model.FieldType;
import dev.modelrun.core.model.ModelDescriptor;
import dev.modelrun.core.port.out.TabularModel;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Linear or logistic regression from coefficients, in process: a tabular model whose numeric fields go in and whose
 * score (and label) come out.
 *
 * <ul>
 *   <li>Linear: {@code score = intercept + sum(coefficient[f] * record[f])}, exact (decimal arithmetic, no rounding).
 *   <li>Logistic: {@code z} as above, exact; {@code score = 1 / (1 + exp(-z))} in double precision; {@code label} is
 *       the positive label when {@code score >= threshold}, else the negative one.
 * </ul>
 *
 * <p>The descriptor's output fields must be {@link #LINEAR_OUTPUTS} or {@link #LOGISTIC_OUTPUTS}; every coefficient
 * must name an integer or number field of the descriptor (fields without a coefficient are read by nobody).
 */
public final class RegressionModel implements TabularModel {
  public static final List<Field> LINEAR_OUTPUTS = List.of(Field.of("score", FieldType.NUMBER));
  public static final List<Field> LOGISTIC_OUTPUTS = List.of(Field.of("score", FieldType.NUMBER),
      Field.of("label", FieldType.STRING));

  private final ModelDescriptor descriptor;
  private final BigDecimal intercept;
  private final Map<String, BigDecimal> coefficients;
  private final boolean logistic;
  private final double threshold;
  private final String negative;
  private final String positive;

  private RegressionModel(ModelDescriptor descriptor, BigDecimal intercept, Map<String, BigDecimal> coefficients,
      boolean logistic, double threshold, String negative, String positive) {
    this.descriptor = requireNonNull(descriptor, "descriptor");
    this.intercept = requireNonNull(intercept, "intercept");
    this.coefficients = Map.copyOf(new LinkedHashMap<>(coefficients));
    this.logistic = logistic;
    this.threshold = threshold;
    this.negative = requireNonNull(negative, "negative");
    this.positive = requireNonNull(positive, "positive");
    List<Field> outputs = logistic ? LOGISTIC_OUTPUTS : LINEAR_OUTPUTS;
    if (!descriptor.outputFields().equals(outputs)) {
      throw new IllegalArgumentException("the output fields of " + (logistic ? "logistic" : "linear")
          + " regression model " + descriptor.ref() + " must be " + describe(outputs) + " but were "
          + describe(descriptor.outputFields()));
    }
    if (coefficients.isEmpty()) {
      throw new IllegalArgumentException("regression model " + descriptor.ref() + " has no coefficients");
    }
    for (String name : coefficients.keySet()) {
      FieldType type = descriptor.field(name).map(Field::type).orElseThrow(() -> new IllegalArgumentException(
          "the coefficient '" + name + "' of model " + descriptor.ref() + " names no field of it"));
      if (type != FieldType.NUMBER && type != FieldType.INTEGER) {
        throw new IllegalArgumentException("the coefficient '" + name + "' of model " + descriptor.ref()
            + " names a field of type " + type.label() + "; it must be a number or an integer");
      }
    }
    if (!(threshold > 0 && threshold < 1)) {
      throw new IllegalArgumentException("the threshold of model " + descriptor.ref()
          + " must be between 0 and 1 (exclusive) but was " + threshold);
    }
  }

  /** Linear regression: {@code score = intercept + sum(coefficient[f] * record[f])}, exact. */
  public static RegressionModel linear(ModelDescriptor descriptor, BigDecimal intercept,
      Map<String, BigDecimal> coefficients) {
    return new RegressionModel(descriptor, intercept, coefficients, false, 0.5, "", "");
  }

  /** Logistic regression: the probability {@code score} of the positive label, and the label at {@code threshold}. */
  public static RegressionModel logistic(ModelDescriptor descriptor, BigDecimal intercept,
      Map<String, BigDecimal> coefficients, double threshold, String negativeLabel, String positiveLabel) {
    return new RegressionModel(descriptor, intercept, coefficients, true, threshold, negativeLabel, positiveLabel);
  }

  @Override
  public ModelDescriptor descriptor() {
    return descriptor;
  }

  /** @throws IllegalArgumentException naming the record and field when a value is missing or not numeric */
  @Override
  public List<Map<String, Object>> run(List<Map<String, Object>> records) {
    List<Map<String, Object>> outputs = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      BigDecimal z = intercept;
      for (Map.Entry<String, BigDecimal> coefficient : coefficients.entrySet()) {
        z = z.add(coefficient.getValue().multiply(TabularModel.number(records.get(i), coefficient.getKey(), i)));
      }
      Map<String, Object> output = new LinkedHashMap<>();
      if (logistic) {
        double probability = 1.0 / (1.0 + Math.exp(-z.doubleValue()));
        output.put("score", new BigDecimal(Double.toString(probability)));
        output.put("label", probability >= threshold ? positive : negative);
      } else {
        output.put("score", z);
      }
      outputs.add(output);
    }
    return outputs;
  }

  private static String describe(List<Field> fields) {
    return fields.stream().map(field -> field.name() + " (" + field.type().label() + ")").toList().toString();
  }
}
