package dev.modelrun.core.model;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.modelrun.core.billing.Pricing;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What one version of a model is: its inputs and outputs (item models) or its fields and output fields (tabular
 * models), whether it can explain, its pricing and timeouts. A model is either an item model (inputs, no fields) or a
 * tabular model (fields, no inputs), never both.
 */
public record ModelDescriptor(
    ModelRef ref,
    String name,
    String description,
    List<ModelInput> inputs,
    List<ModelOutput> outputs,
    List<Field> fields,
    List<Field> outputFields,
    boolean explainSupported,
    boolean imageClassification,
    Pricing pricing,
    ModelTimeouts timeouts) {

  public ModelDescriptor {
    requireNonNull(ref, "ref");
    requireNonNull(name, "name");
    requireNonNull(description, "description");
    requireNonNull(pricing, "pricing");
    requireNonNull(timeouts, "timeouts");
    checkArgument(!name.isBlank(), "model name must not be blank");
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    fields = List.copyOf(fields);
    outputFields = List.copyOf(outputFields);
    boolean item = !inputs.isEmpty() || !outputs.isEmpty();
    boolean tabular = !fields.isEmpty() || !outputFields.isEmpty();
    checkArgument(item != tabular,
        "model %s must have either inputs and outputs or fields and output fields", ref);
    if (item) {
      checkArgument(!inputs.isEmpty() && !outputs.isEmpty(), "item model %s needs inputs and outputs", ref);
    } else {
      checkArgument(!fields.isEmpty() && !outputFields.isEmpty(),
          "tabular model %s needs fields and output fields", ref);
    }
    requireUnique(inputs.stream().map(ModelInput::name).toList(), "input", ref);
    requireUnique(outputs.stream().map(ModelOutput::name).toList(), "output", ref);
    requireUnique(fields.stream().map(Field::name).toList(), "field", ref);
    requireUnique(outputFields.stream().map(Field::name).toList(), "output field", ref);
  }

  /** True for a model over records of typed fields (on-demand structured jobs). */
  public boolean isTabular() {
    return !fields.isEmpty();
  }

  public Optional<ModelInput> input(String inputName) {
    return inputs.stream().filter(i -> i.name().equals(inputName)).findFirst();
  }

  public Optional<ModelOutput> output(String outputName) {
    return outputs.stream().filter(o -> o.name().equals(outputName)).findFirst();
  }

  public Optional<Field> field(String fieldName) {
    return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst();
  }

  public Optional<Field> outputField(String fieldName) {
    return outputFields.stream().filter(f -> f.name().equals(fieldName)).findFirst();
  }

  private static void requireUnique(List<String> names, String what, ModelRef ref) {
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      checkArgument(seen.add(name), "model %s declares %s '%s' twice", ref, what, name);
    }
  }
}
