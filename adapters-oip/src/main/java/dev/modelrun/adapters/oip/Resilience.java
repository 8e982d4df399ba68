package dev.modelrun.adapters.oip;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How a remote model's calls behave when its server struggles: each HTTP request times out after {@code
 * requestTimeout}; a call is tried at most {@code maxAttempts} times, waiting {@code backoff}, then twice as long each
 * time, but only after a connection error, 429 or 503; and once half of the last calls (at least {@code
 * breakerMinimumCalls} of them) failed on the server's side, the circuit opens and calls fail at once for {@code
 * breakerOpenFor}, after which a few calls probe the server again.
 */
public record Resilience(Duration requestTimeout, int maxAttempts, Duration backoff, int breakerMinimumCalls,
    Duration breakerOpenFor) {
  public Resilience {
    requireNonNull(requestTimeout, "requestTimeout");
    requireNonNull(backoff, "backoff");
    requireNonNull(breakerOpenFor, "breakerOpenFor");
    checkArgument(requestTimeout.isPositive(), "requestTimeout must be positive but was %s", requestTimeout);
    checkArgument(maxAttempts >= 1 && maxAttempts <= 10, "maxAttempts must be from 1 to 10 but was %s", maxAttempts);
    checkArgument(backoff.toMillis() >= 1 && backoff.compareTo(Duration.ofMinutes(1)) <= 0,
        "backoff must be from 1 ms to 1 minute but was %s", backoff);
    checkArgument(breakerMinimumCalls >= 1, "breakerMinimumCalls must be >= 1 but was %s", breakerMinimumCalls);
    checkArgument(breakerOpenFor.isPositive(), "breakerOpenFor must be positive but was %s", breakerOpenFor);
  }

  /** 30 s per request, 3 attempts from 100 ms apart, the circuit open for 30 s after 5 failing calls of 10. */
  public static Resilience defaults() {
    return new Resilience(Duration.ofSeconds(30), 3, Duration.ofMillis(100), 5, Duration.ofSeconds(30));
  }

  public Resilience withRequestTimeout(Duration timeout) {
    return new Resilience(timeout, maxAttempts, backoff, breakerMinimumCalls, breakerOpenFor);
  }
}
