package dev.modelrun.core.model;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableMap;
import java.util.Map;

/** One item of a batch job: its name (the key of the request's sources) and a value for each model input. */
public record InputItem(String name, Map<String, InputData> inputs) {
  /** The longest item name accepted. */
  public static final int MAX_NAME_LENGTH = 1024;

  public InputItem {
    requireNonNull(name, "name");
    checkArgument(!name.isEmpty() && name.length() <= MAX_NAME_LENGTH,
        "item name must be 1 to %s characters", MAX_NAME_LENGTH);
    inputs = ImmutableMap.copyOf(inputs);
    checkArgument(!inputs.isEmpty(), "item %s has no inputs", name);
  }

  /** The total bytes of this item's inputs. */
  public long size() {
    return inputs.values().stream().mapToLong(InputData::size).sum();
  }
}
