package dev.modelrun.core.model;

import java.util.Map;

/**
 * {@code embedded} inputs: item name to model input name to base64 data, with or without a {@code
 * data:<mime>;base64,} prefix. Decoded (and refused when bad) by {@link EmbeddedData#decode}.
 */
public record EmbeddedInput(Map<String, Map<String, String>> sources) implements JobInput {
  public EmbeddedInput {
    sources = Sources.copy(sources);
  }

  @Override
  public String type() {
    return "embedded";
  }
}
