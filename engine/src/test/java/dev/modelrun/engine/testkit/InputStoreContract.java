package dev.modelrun.engine.testkit;

import static dev.modelrun.engine.testkit.Jobs.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelrun.core.model.InputData;
import dev.modelrun.core.model.InputItem;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.port.out.InputStore;
import dev.modelrun.core.port.out.InputStore.AppendResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every input store must do; a store's test extends this and says how to make an empty store. */
public abstract class InputStoreContract {
  protected InputStore store;
  private final JobId job = JobId.of(UUID.randomUUID());

  protected abstract InputStore newStore();

  @BeforeEach
  void emptyStore() {
    store = newStore();
  }

  private static InputItem item(String name, String text) {
    return new InputItem(name, Map.of("input.txt", InputData.text(text)));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void keeps_the_items_of_a_job() throws Exception {
    store.put(job, List.of(item("a", "hello"), item("b", "world")));

    InputItem a = store.item(job, "a").orElseThrow();
    assertThat(a.inputs().get("input.txt").content().read()).isEqualTo(bytes("hello"));
    assertThat(store.item(job, "c")).isEmpty();
    assertThat(store.item(JobId.of(UUID.randomUUID()), "a")).isEmpty();
  }

  @Test
  void joins_chunks_per_item_and_input_in_arrival_order() {
    assertThat(store.append(job, "a", "input.txt", bytes("hel"), 100, 10)).isEqualTo(AppendResult.APPENDED);
    store.append(job, "b", "input.txt", bytes("x"), 100, 10);
    store.append(job, "a", "input.txt", bytes("lo"), 100, 10);

    Map<String, Map<String, byte[]>> chunks = store.chunks(job);

    assertThat(chunks.keySet()).containsExactly("a", "b");
    assertThat(chunks.get("a").get("input.txt")).isEqualTo(bytes("hello"));
  }

  @Test
  void refuses_a_chunk_past_the_input_size_or_an_item_past_the_item_limit() {
    store.append(job, "a", "input.txt", bytes("1234"), 5, 1);

    assertThat(store.append(job, "a", "input.txt", bytes("56"), 5, 1)).isEqualTo(AppendResult.INPUT_TOO_LARGE);
    assertThat(store.append(job, "b", "input.txt", bytes("1"), 5, 1)).isEqualTo(AppendResult.TOO_MANY_ITEMS);
    assertThat(store.chunks(job).get("a").get("input.txt")).isEqualTo(bytes("1234"));
    assertThat(store.chunks(job)).containsOnlyKeys("a");
  }

  @Test
  void putting_items_replaces_the_chunks() {
    store.append(job, "a", "input.txt", bytes("x"), 5, 1);
    store.put(job, List.of(item("a", "x")));

    assertThat(store.chunks(job)).isEmpty();
    assertThat(store.item(job, "a")).isPresent();
  }

  @Test
  void deletes_inputs_only_once_their_time_has_come() {
    JobId other = JobId.of(UUID.randomUUID());
    store.put(job, List.of(item("a", "x")));
    store.put(other, List.of(item("a", "x")));
    store.deleteAfter(job, T0.plusSeconds(60));

    assertThat(store.deleteExpired(T0.plusSeconds(59))).isZero();
    assertThat(store.item(job, "a")).isPresent();
    assertThat(store.deleteExpired(T0.plusSeconds(60))).isEqualTo(1);
    assertThat(store.item(job, "a")).isEmpty();
    assertThat(store.item(other, "a")).isPresent();
  }

  @Test
  void deletes_a_jobs_inputs_at_once() {
    store.put(job, List.of(item("a", "x")));
    store.delete(job);

    assertThat(store.item(job, "a")).isEmpty();
  }
}
