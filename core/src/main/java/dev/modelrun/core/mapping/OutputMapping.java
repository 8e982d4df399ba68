package dev.modelrun.core.mapping;

import static java.util.Objects.requireNonNull;

import dev.modelrun.core.model.Field;
import dev.modelrun.core.model.FieldMapping;
import dev.modelrun.core.model.InvalidInputException;
import dev.modelrun.core.model.ModelrunException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a tabular model's output fields become the columns of the output file: each output field, in the model's order,
 * under the {@code destination} of the mapping whose {@code source} is that field, else under its own name.
 */
public final class OutputMapping {
  private final Map<String, String> columnsByField;

  private OutputMapping(Map<String, String> columnsByField) {
    this.columnsByField = columnsByField;
  }

  /**
   * Checks a client's output mapping against the model's output fields.
   *
   * @throws InvalidInputException naming the entry when a source is not an output field, is mapped twice, or two
   *     fields would land in the same column
   */
  public static OutputMapping of(List<Field> outputFields, List<FieldMapping> mappings) {
    Map<String, String> renames = new HashMap<>();
    for (int i = 0; i < mappings.size(); i++) {
      FieldMapping mapping = mappings.get(i);
      if (outputFields.stream().noneMatch(f -> f.name().equals(mapping.source()))) {
        throw new InvalidInputException("outputMapping[" + i + "].source '" + mapping.source()
            + "' is not an output field of the model (output fields: "
            + outputFields.stream().map(Field::name).toList() + ")");
      }
      if (renames.putIfAbsent(mapping.source(), mapping.destination()) != null) {
        throw new InvalidInputException("outputMapping[" + i + "].source '" + mapping.source() + "' is mapped twice");
      }
    }
    Map<String, String> columns = new LinkedHashMap<>();
    Set<String> taken = new HashSet<>();
    for (Field field : outputFields) {
      String column = renames.getOrDefault(field.name(), field.name());
      if (!taken.add(column)) {
        throw new InvalidInputException("outputMapping: two output fields would both be written to column '"
            + column + "'");
      }
      columns.put(field.name(), column);
    }
    return new OutputMapping(columns);
  }

  /** The output file's columns, in order. */
  public List<String> columns() {
    return List.copyOf(columnsByField.values());
  }

  /**
   * Renames one model output record to output columns, in column order.
   *
   * @throws ModelrunException when the model's output lacks one of its declared output fields
   */
  public Map<String, Object> apply(Map<String, ?> modelOutput) {
    requireNonNull(modelOutput, "modelOutput");
    Map<String, Object> out = new LinkedHashMap<>();
    columnsByField.forEach((field, column) -> {
      Object value = modelOutput.get(field);
      if (value == null) {
        throw new ModelrunException("the model's output lacks output field '" + field + "'");
      }
      out.put(column, value);
    });
    return out;
  }
}
