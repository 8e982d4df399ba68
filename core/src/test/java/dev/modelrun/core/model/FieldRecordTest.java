package dev.modelrun.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldRecordTest {
  private final FieldRecord.Shape shape = FieldRecord.Shape.of(List.of("s", "n", "b"));

  @Test
  void a_record_is_the_map_of_its_fields_in_field_order() {
    FieldRecord record = shape.record(new Object[] {"text", new BigDecimal("1.50"), true});
    Map<String, Object> same = new LinkedHashMap<>();
    same.put("s", "text");
    same.put("n", new BigDecimal("1.50"));
    same.put("b", true);

    assertThat(record).isEqualTo(same).hasSameHashCodeAs(same);
    assertThat(record).containsExactly(Map.entry("s", "text"), Map.entry("n", new BigDecimal("1.50")),
        Map.entry("b", true));
    assertThat(record.get("n")).isEqualTo(new BigDecimal("1.50"));
    assertThat(record.value(2)).isEqualTo(true);
    assertThat(record.get("missing")).isNull();
    assertThat(record.containsKey("missing")).isFalse();
    assertThat(record.size()).isEqualTo(3);
    assertThat(record.toString()).isEqualTo("{s=text, n=1.50, b=true}");
  }

  @Test
  void a_record_cannot_be_changed() {
    FieldRecord record = shape.record(new Object[] {"text", BigDecimal.ONE, false});

    assertThatThrownBy(() -> record.put("s", "other")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> record.remove("s")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> record.entrySet().iterator().next().setValue("x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void every_field_needs_one_value_and_a_name_once() {
    assertThatThrownBy(() -> shape.record(new Object[] {"text", BigDecimal.ONE}))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("2 values for 3 fields");
    assertThatThrownBy(() -> shape.record(new Object[] {"text", null, true})).isInstanceOf(NullPointerException.class)
        .hasMessage("n");
    assertThatThrownBy(() -> FieldRecord.Shape.of(List.of("a", "a"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("field 'a' is named twice");
  }
}
