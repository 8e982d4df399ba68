package dev.modelrun.core.model;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/** Names one version of one model. */
public record ModelRef(String identifier, String version) {
  public ModelRef {
    requireNonNull(identifier, "identifier");
    requireNonNull(version, "version");
    checkArgument(!identifier.isBlank(), "model identifier must not be blank");
    checkArgument(!version.isBlank(), "model version must not be blank");
  }

  public static ModelRef of(String identifier, String version) {
    return new ModelRef(identifier, version);
  }

  @Override
  public String toString() {
    return identifier + "@" + version;
  }
}
