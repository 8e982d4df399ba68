package dev.modelrun.core.model;

import java.util.Map;

/** {@code text} inputs: item name to model input name to the text itself. */
public record TextInput(Map<String, Map<String, String>> sources) implements JobInput {
  public TextInput {
    sources = Sources.copy(sources);
  }

  @Override
  public String type() {
    return "text";
  }
}
