package dev.modelrun.core.billing;

import static com.google.common.base.Preconditions.checkArgument;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * What a job costs, fixed when it is created: {@code recordGroupCount = ceil(recordCount / recordsPerGroup)} and
 * {@code billedUsage = recordGroupCount × unitsPerGroup}, in whole units (never floating point). One unit is $0.001.
 */
public record Billing(long recordCount, long recordGroupCount, long billedUsage) {
  /** The price of one unit in dollars. */
  public static final BigDecimal DOLLARS_PER_UNIT = new BigDecimal("0.001");

  public Billing {
    checkArgument(recordCount >= 0, "recordCount must be >= 0 but was %s", recordCount);
    checkArgument(recordGroupCount >= 0, "recordGroupCount must be >= 0 but was %s", recordGroupCount);
    checkArgument(billedUsage >= 0, "billedUsage must be >= 0 but was %s", billedUsage);
  }

  /**
   * Bills {@code recordCount} records at {@code pricing}.
   *
   * @throws ArithmeticException when the usage does not fit a long (a price no real job reaches)
   */
  public static Billing of(long recordCount, Pricing pricing) {
    checkArgument(recordCount >= 0, "recordCount must be >= 0 but was %s", recordCount);
    long groups = Math.ceilDiv(recordCount, (long) pricing.recordsPerGroup());
    return new Billing(recordCount, groups, Math.multiplyExact(groups, pricing.unitsPerGroup()));
  }

  /** The billed usage in dollars, exact (scale 3). */
  public BigDecimal dollars() {
    return new BigDecimal(BigInteger.valueOf(billedUsage), 3);
  }
}
