package dev.modelrun.core.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class BillingProperties {

  @Property
  void groups_are_the_ceiling_of_records_over_group_size_and_usage_is_groups_times_units(
      @ForAll @LongRange(min = 0, max = 1_000_000_000_000L) long records,
      @ForAll @IntRange(min = 1, max = Integer.MAX_VALUE) int recordsPerGroup,
      @ForAll @LongRange(min = 0, max = 1_000_000) long unitsPerGroup) {
    Billing billing = Billing.of(records, Pricing.of(recordsPerGroup, unitsPerGroup));

    // the same rule in exact decimal arithmetic
    BigDecimal groups = BigDecimal.valueOf(records)
        .divide(BigDecimal.valueOf(recordsPerGroup), 0, RoundingMode.CEILING);
    assertThat(billing.recordCount()).isEqualTo(records);
    assertThat(billing.recordGroupCount()).isEqualTo(groups.longValueExact());
    assertThat(billing.billedUsage()).isEqualTo(groups.multiply(BigDecimal.valueOf(unitsPerGroup)).longValueExact());
    // every record is in a group, and no group is empty
    assertThat(billing.recordGroupCount() * recordsPerGroup).isGreaterThanOrEqualTo(records);
    assertThat((billing.recordGroupCount() - 1) * recordsPerGroup).isLessThan(Math.max(records, 1));
    assertThat(billing.dollars()).isEqualTo(new BigDecimal(BigInteger.valueOf(billing.billedUsage()), 3));
  }

  @Property
  void more_records_never_cost_less(@ForAll @LongRange(min = 0, max = 1_000_000) long records,
      @ForAll @LongRange(min = 0, max = 1_000) long more, @ForAll @IntRange(min = 1, max = 1000) int recordsPerGroup,
      @ForAll @LongRange(min = 0, max = 1000) long unitsPerGroup) {
    Pricing pricing = Pricing.of(recordsPerGroup, unitsPerGroup);
    assertThat(Billing.of(records + more, pricing).billedUsage())
        .isGreaterThanOrEqualTo(Billing.of(records, pricing).billedUsage());
  }

  @Property
  void usage_beyond_a_long_is_refused_never_wrapped(
      @ForAll @LongRange(min = Long.MAX_VALUE / 4, max = Long.MAX_VALUE) long records,
      @ForAll @LongRange(min = 8, max = Long.MAX_VALUE) long unitsPerGroup) {
    assertThatThrownBy(() -> Billing.of(records, Pricing.of(1, unitsPerGroup)))
        .isInstanceOf(ArithmeticException.class);
  }
}
