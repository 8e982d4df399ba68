package dev.modelrun.core.model;

import static java.util.Objects.requireNonNull;

/**
 * One line of a job's input or output mapping: the {@code source} column (or output field) feeds the {@code
 * destination} field (or output column). {@code defaultValue} is {@code null} when none was given; read it through
 * {@link #defaultText()}.
 */
public record FieldMapping(String source, String destination, String defaultValue) {
  public FieldMapping {
    requireNonNull(source, "source");
    requireNonNull(destination, "destination");
    if (destination.isBlank()) {
      throw new InvalidInputException("mapping destination must not be blank");
    }
  }

  public static FieldMapping of(String source, String destination) {
    return new FieldMapping(source, destination, null);
  }

  public static FieldMapping withDefault(String source, String destination, String defaultValue) {
    return new FieldMapping(source, destination, requireNonNull(defaultValue, "defaultValue"));
  }

  public java.util.Optional<String> defaultText() {
    return java.util.Optional.ofNullable(defaultValue);
  }
}
