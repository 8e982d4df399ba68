package dev.modelrun.core.model;

import static java.util.Objects.requireNonNull;

/** The named model, or the named version of it, is not registered. */
public class ModelNotFoundException extends NotFoundException {
  private final String identifier;
  private final String version;

  /** @param version the version asked for, or {@code null} when the model itself is unknown */
  public ModelNotFoundException(String identifier, String version) {
    super(version == null
        ? "model '" + requireNonNull(identifier, "identifier") + "' not found"
        : "version '" + version + "' of model '" + identifier + "' not found");
    this.identifier = identifier;
    this.version = version;
  }

  public String identifier() {
    return identifier;
  }

  /** The version asked for, or {@code null} when the model itself is unknown. */
  public String version() {
    return version;
  }
}
