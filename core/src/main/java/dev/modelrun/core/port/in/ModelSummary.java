package dev.modelrun.core.port.in;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.List;

/** A model and its versions, oldest first; {@code latestVersion} is the last of them. */
public record ModelSummary(String identifier, String name, List<String> versions) {
  public ModelSummary {
    requireNonNull(identifier, "identifier");
    requireNonNull(name, "name");
    versions = List.copyOf(versions);
    checkArgument(!versions.isEmpty(), "model %s has no versions", identifier);
  }

  public String latestVersion() {
    return versions.getLast();
  }
}
