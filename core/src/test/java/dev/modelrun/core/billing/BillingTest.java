package dev.modelrun.core.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class BillingTest {

  @Test
  void the_seed_example_bills_one_group_of_twenty_units() {
    Billing billing = Billing.of(3, Pricing.of(5, 20));

    assertThat(billing.recordCount()).isEqualTo(3);
    assertThat(billing.recordGroupCount()).isEqualTo(1);
    assertThat(billing.billedUsage()).isEqualTo(20);
    assertThat(billing.dollars()).isEqualByComparingTo("0.020");
    assertThat(billing.dollars().toPlainString()).isEqualTo("0.020");
  }

  @Test
  void every_started_group_is_billed_whole() {
    Pricing pricing = Pricing.of(5, 20);
    assertThat(Billing.of(5, pricing).recordGroupCount()).isEqualTo(1);
    assertThat(Billing.of(6, pricing).recordGroupCount()).isEqualTo(2);
    assertThat(Billing.of(10, pricing).recordGroupCount()).isEqualTo(2);
    assertThat(Billing.of(11, pricing).billedUsage()).isEqualTo(60);
  }

  @Test
  void no_records_cost_nothing() {
    assertThat(Billing.of(0, Pricing.of(5, 20))).isEqualTo(new Billing(0, 0, 0));
    assertThat(new Billing(0, 0, 0).dollars()).isEqualByComparingTo(BigDecimal.ZERO);
  }

  @Test
  void one_record_per_group_bills_each_record() {
    assertThat(Billing.of(7, Pricing.of(1, 1))).isEqualTo(new Billing(7, 7, 7));
  }

  @Test
  void dollars_are_exact_thousandths_without_binary_rounding() {
    assertThat(new Billing(1, 1, 1).dollars()).isEqualTo(new BigDecimal("0.001"));
    assertThat(new Billing(1, 1, 123_456_789_012L).dollars()).isEqualTo(new BigDecimal("123456789.012"));
    assertThat(new Billing(1, 1, 1).dollars().scale()).isEqualTo(3);
  }

  @Test
  void a_free_model_bills_groups_but_no_units() {
    assertThat(Billing.of(12, Pricing.of(5, 0))).isEqualTo(new Billing(12, 3, 0));
  }

  @Test
  void refuses_usage_that_does_not_fit_a_long() {
    assertThatThrownBy(() -> Billing.of(Long.MAX_VALUE, Pricing.of(1, 2))).isInstanceOf(ArithmeticException.class);
  }

  @Test
  void the_largest_record_count_still_counts_its_groups() {
    assertThat(Billing.of(Long.MAX_VALUE, Pricing.of(Integer.MAX_VALUE, 1)).recordGroupCount())
        .isEqualTo(Math.ceilDiv(Long.MAX_VALUE, (long) Integer.MAX_VALUE));
  }

  @Test
  void refuses_negative_counts() {
    assertThatThrownBy(() -> Billing.of(-1, Pricing.of(1, 1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Billing(-1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Billing(0, -1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Billing(0, 0, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_price_needs_a_positive_group_size_and_no_negative_units() {
    assertThatThrownBy(() -> Pricing.of(0, 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("recordsPerGroup must be > 0");
    assertThatThrownBy(() -> Pricing.of(1, -1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unitsPerGroup must be >= 0");
  }
}
