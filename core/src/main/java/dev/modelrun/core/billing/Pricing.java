package dev.modelrun.core.billing;

import static com.google.common.base.Preconditions.checkArgument;

/** A model's price: every started group of {@code recordsPerGroup} records costs {@code unitsPerGroup} units. */
public record Pricing(int recordsPerGroup, long unitsPerGroup) {
  public Pricing {
    checkArgument(recordsPerGroup > 0, "recordsPerGroup must be > 0 but was %s", recordsPerGroup);
    checkArgument(unitsPerGroup >= 0, "unitsPerGroup must be >= 0 but was %s", unitsPerGroup);
  }

  public static Pricing of(int recordsPerGroup, long unitsPerGroup) {
    return new Pricing(recordsPerGroup, unitsPerGroup);
  }
}
