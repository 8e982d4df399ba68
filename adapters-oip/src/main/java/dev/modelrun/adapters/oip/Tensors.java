package dev.modelrun.adapters.oip;

import com.fasterxml.jackson.databind.JsonNode;

/** Finding tensors in an inference answer. */
final class Tensors {
  private Tensors() {}

  /** The tensor named {@code name}, or the only one when {@code onlyWillDo}; null when there is none. */
  static JsonNode named(JsonNode tensors, String name, boolean onlyWillDo) {
    for (JsonNode tensor : tensors) {
      if (name.equals(tensor.path("name").asText())) {
        return tensor;
      }
    }
    return onlyWillDo && tensors.size() == 1 ? tensors.get(0) : null;
  }
}
