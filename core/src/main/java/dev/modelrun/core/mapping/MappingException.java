package dev.modelrun.core.mapping;

import static java.util.Objects.requireNonNull;

import dev.modelrun.core.model.InvalidInputException;

/** A record that the mapping cannot turn into model fields: names the 1-based row and the field. */
public class MappingException extends InvalidInputException {
  private final long row;
  private final String field;

  public MappingException(long row, String field, String problem) {
    super("row " + row + ", field '" + requireNonNull(field, "field") + "': " + problem);
    this.row = row;
    this.field = field;
  }

  public long row() {
    return row;
  }

  public String field() {
    return field;
  }
}
