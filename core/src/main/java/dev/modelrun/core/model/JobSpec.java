package dev.modelrun.core.model;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The options of a job that do not depend on its inputs: its name (empty for the default, the job id or the
 * uploaded file's name), explain, timeout, hours before its inputs are deleted, and priority (higher runs first).
 */
public record JobSpec(String name, boolean explain, Duration timeout, int hoursDeleteInput, int priority) {
  /** The timeout of a job that names none. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(24);
  /** The longest timeout a job may ask for. */
  public static final Duration MAX_TIMEOUT = Duration.ofDays(30);
  /** The longest time inputs may be kept after a job ends. */
  public static final int MAX_HOURS_DELETE_INPUT = 24 * 365;

  public JobSpec {
    requireNonNull(name, "name");
    requireNonNull(timeout, "timeout");
    if (name.length() > Job.MAX_NAME_LENGTH) {
      throw new InvalidInputException("name must be at most " + Job.MAX_NAME_LENGTH + " characters but was "
          + name.length());
    }
    if (!timeout.isPositive() || timeout.compareTo(MAX_TIMEOUT) > 0) {
      throw new InvalidInputException("timeout must be between 1 ms and " + MAX_TIMEOUT.toMillis() + " ms but was "
          + timeout.toMillis() + " ms");
    }
    if (hoursDeleteInput < 0 || hoursDeleteInput > MAX_HOURS_DELETE_INPUT) {
      throw new InvalidInputException("hoursDeleteInput must be between 0 and " + MAX_HOURS_DELETE_INPUT
          + " but was " + hoursDeleteInput);
    }
    checkArgument(priority >= -1000 && priority <= 1000, "priority must be between -1000 and 1000 but was %s",
        priority);
  }

  /** No name, no explain, the default timeout, inputs deleted 24 hours after the end, priority 0. */
  public static JobSpec defaults() {
    return new JobSpec("", false, DEFAULT_TIMEOUT, 24, 0);
  }

  public JobSpec withName(String newName) {
    return new JobSpec(newName, explain, timeout, hoursDeleteInput, priority);
  }

  public JobSpec withExplain(boolean newExplain) {
    return new JobSpec(name, newExplain, timeout, hoursDeleteInput, priority);
  }

  public JobSpec withTimeout(Duration newTimeout) {
    return new JobSpec(name, explain, newTimeout, hoursDeleteInput, priority);
  }

  public JobSpec withHoursDeleteInput(int hours) {
    return new JobSpec(name, explain, timeout, hours, priority);
  }

  public JobSpec withPriority(int newPriority) {
    return new JobSpec(name, explain, timeout, hoursDeleteInput, newPriority);
  }

  /** The name, or {@code fallback} when none was given. */
  public String nameOr(String fallback) {
    return name.isEmpty() ? fallback : name;
  }
}
