package dev.modelrun.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NameIndexTest {
  @Test
  void finds_each_name_at_its_position_and_no_other_name() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      names.add("item-" + i);
    }
    // why: "Aa" and "BB" have the same hash code, so they share a probe sequence.
    names.add("Aa");
    names.add("BB");

    NameIndex index = new NameIndex(names);

    for (int i = 0; i < names.size(); i++) {
      assertThat(index.positionOf(names.get(i))).isEqualTo(i);
    }
    assertThat(index.positionOf("item-10000")).isEqualTo(-1);
    assertThat(index.positionOf("AaBB")).isEqualTo(-1);
    assertThat(index.positionOf("")).isEqualTo(-1);
    assertThat(index.repeated()).isEmpty();
  }

  @Test
  void a_name_given_twice_is_reported_and_found_at_its_last_position() {
    NameIndex index = new NameIndex(List.of("a", "b", "a", "c", "b"));

    assertThat(index.repeated()).contains("a");
    assertThat(index.positionOf("a")).isEqualTo(2);
    assertThat(index.positionOf("b")).isEqualTo(4);
    assertThat(index.positionOf("c")).isEqualTo(3);
  }

  @Test
  void names_that_differ_only_in_their_last_digits_are_found_in_about_one_probe() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      names.add("item-" + i);
    }

    NameIndex index = new NameIndex(names);

    // why: with the low bits of the hash as the slot, these names took 5.5 probes each on average.
    long probes = names.stream().mapToLong(index::probes).sum();
    assertThat((double) probes / names.size()).isLessThan(1.5);
  }

  @Test
  void indexes_one_name_and_none() {
    assertThat(new NameIndex(List.of("only")).positionOf("only")).isZero();
    assertThat(new NameIndex(List.of()).positionOf("any")).isEqualTo(-1);
  }
}
