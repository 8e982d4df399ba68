package dev.modelrun.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelrun.core.model.InputData;
import dev.modelrun.core.model.InputItem;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.port.out.InputStore;
import dev.modelrun.engine.testkit.InputStoreContract;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class InMemoryInputStoreTest extends InputStoreContract {
  @Override
  protected InputStore newStore() {
    return new InMemoryInputStore();
  }

  @Test
  void items_of_a_batch_are_found_out_of_order_and_a_name_given_twice_is_found_last() {
    InMemoryInputStore store = new InMemoryInputStore();
    JobId job = JobId.of(UUID.randomUUID());
    InputItem lastA = item("a", "last a");
    store.put(job, List.of(item("c", "c"), item("a", "first a"), lastA, item("d", "d")));

    // why: after c the next item (a first a) has the name asked for next, but the last a is the one found.
    Map<String, InputItem> found = store.items(job, List.of("c", "a", "d", "c", "x"));

    assertThat(found.keySet()).containsExactly("c", "a", "d");
    assertThat(found.get("a")).isSameAs(lastA);
  }

  @Test
  void items_of_unique_names_are_found_in_any_order() {
    InMemoryInputStore store = new InMemoryInputStore();
    JobId job = JobId.of(UUID.randomUUID());
    List<InputItem> items = List.of(item("a", "1"), item("b", "2"), item("c", "3"), item("d", "4"));
    store.put(job, items);

    Map<String, InputItem> found = store.items(job, List.of("b", "c", "a", "d", "x", "c"));

    assertThat(found).containsExactly(Map.entry("b", items.get(1)), Map.entry("c", items.get(2)),
        Map.entry("a", items.get(0)), Map.entry("d", items.get(3)));
  }

  private static InputItem item(String name, String text) {
    return new InputItem(name, Map.of("input.txt", InputData.text(text)));
  }
}
