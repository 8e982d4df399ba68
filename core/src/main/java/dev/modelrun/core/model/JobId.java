package dev.modelrun.core.model;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.UUID;

/** The identifier of a job: a UUID in its canonical text form. */
public record JobId(String value) {
  public JobId {
    requireNonNull(value, "value");
    checkArgument(isValid(value), "job id must be a UUID but was '%s'", value);
  }

  /** Parses a client-supplied id; a malformed one is refused as a job that does not exist would be. */
  public static JobId parse(String text) {
    if (text == null || !isValid(text)) {
      throw new NotFoundException("job " + text + " not found");
    }
    return new JobId(text);
  }

  public static JobId of(UUID uuid) {
    return new JobId(uuid.toString());
  }

  private static boolean isValid(String text) {
    if (text.length() != 36) {
      return false;
    }
    try {
      return UUID.fromString(text).toString().equals(text);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
