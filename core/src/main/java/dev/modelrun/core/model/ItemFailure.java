package dev.modelrun.core.model;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** An item that failed, with a message fit for the client (the model's own message when the model threw). */
public record ItemFailure(String item, Instant startTime, Instant endTime, String error) implements ItemResult {
  public ItemFailure {
    requireNonNull(item, "item");
    requireNonNull(startTime, "startTime");
    requireNonNull(endTime, "endTime");
    requireNonNull(error, "error");
    checkArgument(!endTime.isBefore(startTime), "endTime %s is before startTime %s", endTime, startTime);
  }
}
