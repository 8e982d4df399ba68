package dev.modelrun.core.model;

import static com.google.common.base.Preconditions.checkArgument;

import java.time.Duration;

/** The request is valid, but the node has more work waiting than it accepts: the client should retry later. */
public class OverCapacityException extends ModelrunException {
  private final Duration retryAfter;

  public OverCapacityException(String message, Duration retryAfter) {
    super(message);
    checkArgument(retryAfter.isPositive(), "retryAfter must be positive");
    this.retryAfter = retryAfter;
  }

  /** When a retry may find room. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
