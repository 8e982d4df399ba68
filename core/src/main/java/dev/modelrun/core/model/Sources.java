package dev.modelrun.core.model;

import com.google.common.collect.ImmutableMap;
import java.util.Map;

/** Checks and copies the {@code sources} of a request: item name to model input name to value, in request order. */
final class Sources {
  private Sources() {}

  static <V> Map<String, Map<String, V>> copy(Map<String, ? extends Map<String, ? extends V>> sources) {
    if (sources.isEmpty()) {
      throw new InvalidInputException("input.sources must name at least one item");
    }
    ImmutableMap.Builder<String, Map<String, V>> copy = ImmutableMap.builderWithExpectedSize(sources.size());
    sources.forEach((item, inputs) -> {
      if (item == null || item.isEmpty() || item.length() > InputItem.MAX_NAME_LENGTH) {
        throw new InvalidInputException("input.sources: item names must be 1 to " + InputItem.MAX_NAME_LENGTH
            + " characters");
      }
      if (inputs == null || inputs.isEmpty()) {
        throw new InvalidInputException("input.sources." + item + " must give at least one model input");
      }
      inputs.forEach((input, value) -> {
        if (input == null || input.isEmpty()) {
          throw new InvalidInputException("input.sources." + item + ": model input names must not be empty");
        }
        if (value == null) {
          throw new InvalidInputException("input.sources." + item + "." + input + " must not be null");
        }
      });
      copy.put(item, ImmutableMap.copyOf(inputs));
    });
    return copy.buildOrThrow();
  }
}
