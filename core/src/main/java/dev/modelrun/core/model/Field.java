package dev.modelrun.core.model;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/** A typed field of a tabular model's records, in or out. */
public record Field(String name, FieldType type) {
  public Field {
    requireNonNull(name, "name");
    requireNonNull(type, "type");
    checkArgument(!name.isBlank(), "field name must not be blank");
  }

  public static Field of(String name, FieldType type) {
    return new Field(name, type);
  }
}
