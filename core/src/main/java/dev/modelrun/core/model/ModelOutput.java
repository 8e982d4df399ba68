package dev.modelrun.core.model;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/** A named output of an item model and its media type. */
public record ModelOutput(String name, String mediaType) {
  public ModelOutput {
    requireNonNull(name, "name");
    requireNonNull(mediaType, "mediaType");
    checkArgument(!name.isBlank(), "output name must not be blank");
    checkArgument(!mediaType.isBlank(), "output media type must not be blank");
  }
}
