package dev.modelrun.adapters.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelrun.core.model.ItemFailure;
import dev.modelrun.core.model.ItemResult;
import dev.modelrun.core.model.ItemSuccess;
import dev.modelrun.core.model.OutputValue;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ItemResultCodecTest {
  private static final Instant START = Instant.parse("2026-03-04T05:06:07.123456789Z");

  @Test
  void a_success_comes_back_equal_with_binary_outputs_in_their_order() {
    Map<String, OutputValue> outputs = new LinkedHashMap<>();
    outputs.put("results.json", OutputValue.json("{\"a\": \"é\"}"));
    outputs.put("mask.png", new OutputValue("image/png", new byte[] {0, -1, 127, -128}));
    ItemSuccess success = new ItemSuccess("dir/ünïcode item", START, START.plusMillis(9), Duration.ofNanos(1234567),
        outputs);

    ItemResult back = ItemResultCodec.decode(ItemResultCodec.encode(success));

    assertThat(back).isEqualTo(success);
    assertThat(((ItemSuccess) back).outputs().keySet()).containsExactly("results.json", "mask.png");
  }

  @Test
  void a_failure_comes_back_equal() {
    ItemFailure failure = new ItemFailure("x", START, START, "reading s3://b/k failed: no object s3://b/k");

    assertThat(ItemResultCodec.decode(ItemResultCodec.encode(failure))).isEqualTo(failure);
  }

  @Test
  void bytes_that_are_not_a_stored_result_or_are_cut_short_are_refused() {
    byte[] whole = ItemResultCodec.encode(new ItemFailure("x", START, START, "boom"));

    assertThatThrownBy(() -> ItemResultCodec.decode("hello world".getBytes()))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("not a stored item result");
    assertThatThrownBy(() -> ItemResultCodec.decode(Arrays.copyOf(whole, whole.length - 2)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("a stored item result is cut short");
  }
}
