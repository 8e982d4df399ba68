package dev.modelrun.core.mapping;

import static java.util.Objects.requireNonNull;

import dev.modelrun.core.model.Field;
import dev.modelrun.core.model.FieldMapping;
import dev.modelrun.core.model.FieldRecord;
import dev.modelrun.core.model.InvalidInputException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the columns of an uploaded record feed a tabular model's fields. A field takes the column named by the {@code
 * source} of the mapping whose {@code destination} is that field, else the column of its own name; an empty or
 * missing value takes the mapping's {@code defaultValue}; with neither, the record is refused.
 */
public final class InputMapping {
  private final List<Resolution> resolutions;
  private final FieldRecord.Shape shape;

  private record Resolution(Field field, String column, Optional<Object> defaultValue) {}

  private InputMapping(List<Resolution> resolutions) {
    this.resolutions = resolutions;
    this.shape = FieldRecord.Shape.of(resolutions.stream().map(r -> r.field().name()).toList());
  }

  /**
   * Checks a client's mapping against the model's fields.
   *
   * @throws InvalidInputException naming the mapping entry when a destination is not a field of the model, a field is
   *     mapped twice, or a default value does not parse as its field's type
   */
  public static InputMapping of(List<Field> fields, List<FieldMapping> mappings) {
    Map<String, FieldMapping> byDestination = new HashMap<>();
    for (int i = 0; i < mappings.size(); i++) {
      FieldMapping mapping = mappings.get(i);
      String destination = mapping.destination();
      if (fields.stream().noneMatch(f -> f.name().equals(destination))) {
        throw new InvalidInputException("mapping[" + i + "].destination '" + destination
            + "' is not a field of the model (fields: " + fields.stream().map(Field::name).toList() + ")");
      }
      if (byDestination.putIfAbsent(destination, mapping) != null) {
        throw new InvalidInputException("mapping[" + i + "].destination '" + destination + "' is mapped twice");
      }
    }
    List<Resolution> resolutions = fields.stream().map(field -> {
      FieldMapping mapping = byDestination.get(field.name());
      String column = mapping == null || mapping.source().isEmpty() ? field.name() : mapping.source();
      Optional<Object> defaultValue = Optional.empty();
      if (mapping != null && mapping.defaultValue() != null) {
        try {
          defaultValue = Optional.of(field.type().parseText(mapping.defaultValue()));
        } catch (IllegalArgumentException e) {
          throw new InvalidInputException("mapping for field '" + field.name() + "': defaultValue "
              + e.getMessage().replace("but was", "is not valid,") + " (field type " + field.type().label() + ")");
        }
      }
      return new Resolution(field, column, defaultValue);
    }).toList();
    return new InputMapping(resolutions);
  }

  /** The column each field reads, in field order. */
  public Map<String, String> columnsByField() {
    Map<String, String> columns = new LinkedHashMap<>();
    resolutions.forEach(r -> columns.put(r.field().name(), r.column()));
    return columns;
  }

  /**
   * Turns one record into typed model fields, in the model's field order.
   *
   * @param row the record's 1-based number, for messages
   * @param columns the record's values by column: text (CSV) or JSON scalars (string, number, boolean); a missing
   *     column and {@code null} mean no value
   * @throws MappingException naming the row and field when a value is missing without default or has the wrong type
   */
  public FieldRecord apply(long row, Map<String, ?> columns) {
    requireNonNull(columns, "columns");
    Object[] values = new Object[resolutions.size()];
    for (int i = 0; i < values.length; i++) {
      Resolution resolution = resolutions.get(i);
      Object raw = columns.get(resolution.column());
      boolean empty = raw == null || (raw instanceof String text && text.isEmpty());
      Object value;
      if (empty) {
        value = resolution.defaultValue().orElseThrow(() -> new MappingException(row, resolution.field().name(),
            "no value in column '" + resolution.column() + "' and no defaultValue"));
      } else {
        try {
          value = resolution.field().type().coerce(raw);
        } catch (IllegalArgumentException e) {
          throw new MappingException(row, resolution.field().name(),
              "column '" + resolution.column() + "' " + e.getMessage());
        }
      }
      values[i] = value;
    }
    return shape.record(values);
  }
}
