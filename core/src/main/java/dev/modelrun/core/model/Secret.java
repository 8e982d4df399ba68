package dev.modelrun.core.model;

import static java.util.Objects.requireNonNull;

/** A credential sent with an input (an S3 secret key, a JDBC password): never printed, logged or returned. */
public record Secret(String value) {
  public Secret {
    requireNonNull(value, "value");
  }

  public static Secret of(String value) {
    return new Secret(value);
  }

  @Override
  public String toString() {
    return "Secret[****]";
  }
}
