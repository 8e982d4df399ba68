package dev.modelrun.core.model;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;

/** A named input of an item model: the media types it accepts and the largest input in bytes. */
public record ModelInput(String name, List<String> acceptedMediaTypes, long maximumSize) {
  public ModelInput {
    requireNonNull(name, "name");
    checkArgument(!name.isBlank(), "input name must not be blank");
    acceptedMediaTypes = List.copyOf(acceptedMediaTypes);
    checkArgument(!acceptedMediaTypes.isEmpty(), "input %s must accept at least one media type", name);
    checkArgument(maximumSize > 0, "maximumSize of input %s must be > 0 but was %s", name, maximumSize);
  }

  /**
   * True when a value of {@code mediaType} fits this input: parameters ({@code ;charset=utf-8}) are ignored, a
   * wildcard ({@code text/*}, {@code *}{@code /*}) accepts its family, and {@code application/octet-stream} (what
   * clients send when they do not know) is accepted by every input.
   */
  public boolean accepts(String mediaType) {
    // why: checked for every value of every item of a submit; a media type given exactly as accepted (the usual case)
    // needs no lower-cased copy of either.
    if (acceptedMediaTypes.contains(mediaType)) {
      return true;
    }
    String essence = essence(mediaType);
    if (essence.equals("application/octet-stream")) {
      return true;
    }
    for (String accepted : acceptedMediaTypes) {
      String want = essence(accepted);
      if (want.equals("*/*") || want.equals(essence)
          || (want.endsWith("/*") && essence.startsWith(want.substring(0, want.length() - 1)))) {
        return true;
      }
    }
    return false;
  }

  /** The type and subtype of a media type, lower case, without parameters. */
  public static String essence(String mediaType) {
    int semicolon = mediaType.indexOf(';');
    return (semicolon < 0 ? mediaType : mediaType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
  }
}
