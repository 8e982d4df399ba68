package dev.modelrun.core.model;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.time.Duration;

/** How long a model takes to become ready ({@code status}) and at most to run one item or batch ({@code run}). */
public record ModelTimeouts(Duration status, Duration run) {
  public ModelTimeouts {
    requireNonNull(status, "status");
    requireNonNull(run, "run");
    checkArgument(status.isPositive(), "status timeout must be positive but was %s", status);
    checkArgument(run.isPositive(), "run timeout must be positive but was %s", run);
  }

  public static ModelTimeouts of(Duration status, Duration run) {
    return new ModelTimeouts(status, run);
  }
}
