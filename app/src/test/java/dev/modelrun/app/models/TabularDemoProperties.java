package dev.modelrun.app.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class TabularDemoProperties {

  @Property
  void each_output_is_the_exact_sum_product_and_sign_of_its_record(@ForAll("records") List<Map<String, Object>> records) {
    List<Map<String, Object>> outputs = new TabularDemoModel().run(records);

    assertThat(outputs).hasSameSizeAs(records);
    for (int i = 0; i < records.size(); i++) {
      BigDecimal x = (BigDecimal) records.get(i).get("x");
      BigDecimal y = (BigDecimal) records.get(i).get("y");
      Map<String, Object> output = outputs.get(i);
      assertThat(output.keySet()).containsExactly("a", "b", "c");
      assertThat(((BigDecimal) output.get("a")).subtract(y)).isEqualByComparingTo(x);
      assertThat(output.get("b")).isEqualTo(x.multiply(y));
      boolean sameSignOrZero = x.signum() == 0 || y.signum() == 0 || x.signum() == y.signum();
      assertThat(output.get("c")).isEqualTo(sameSignOrZero ? "pos" : "neg");
    }
  }

  @Provide
  Arbitrary<List<Map<String, Object>>> records() {
    Arbitrary<BigDecimal> numbers = Arbitraries.oneOf(
        Arbitraries.bigDecimals().between(new BigDecimal("-1e15"), new BigDecimal("1e15")).ofScale(9),
        Arbitraries.of(BigDecimal.ZERO, new BigDecimal("-0.0"), BigDecimal.ONE, new BigDecimal("-1")));
    return numbers.tuple2().map(t -> Map.<String, Object>of("x", t.get1(), "y", t.get2())).list().ofMaxSize(20);
  }
}
