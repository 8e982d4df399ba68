package dev.modelrun.core.model;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableMap;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** An item the model ran on: when, how long the model itself took, and each output by name. */
public record ItemSuccess(String item, Instant startTime, Instant endTime, Duration modelLatency,
    Map<String, OutputValue> outputs) implements ItemResult {
  public ItemSuccess {
    requireNonNull(item, "item");
    requireNonNull(startTime, "startTime");
    requireNonNull(endTime, "endTime");
    requireNonNull(modelLatency, "modelLatency");
    checkArgument(!endTime.isBefore(startTime), "endTime %s is before startTime %s", endTime, startTime);
    checkArgument(!modelLatency.isNegative(), "modelLatency must not be negative");
    outputs = ImmutableMap.copyOf(outputs);
  }
}
