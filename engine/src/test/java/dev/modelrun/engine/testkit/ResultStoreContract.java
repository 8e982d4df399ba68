package dev.modelrun.engine.testkit;

import static dev.modelrun.engine.testkit.Jobs.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelrun.core.model.ItemFailure;
import dev.modelrun.core.model.ItemResult;
import dev.modelrun.core.model.ItemSuccess;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.model.OutputValue;
import dev.modelrun.core.port.out.ResultStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every result store must do; a store's test extends this and says how to make an empty store. */
public abstract class ResultStoreContract {
  protected ResultStore store;
  private final JobId job = JobId.of(UUID.randomUUID());

  protected abstract ResultStore newStore();

  @BeforeEach
  void emptyStore() {
    store = newStore();
  }

  public static ItemSuccess success(String item, String output) {
    return new ItemSuccess(item, T0, T0.plusMillis(5), Duration.ofMillis(3),
        Map.of("results.json", OutputValue.text(output)));
  }

  public static ItemFailure failure(String item, String error) {
    return new ItemFailure(item, T0, T0.plusMillis(1), error);
  }

  @Test
  void keeps_results_by_job_and_item() {
    store.save(job, List.of(success("a", "A"), failure("b", "boom")));

    assertThat(store.results(job)).containsExactlyInAnyOrder(success("a", "A"), failure("b", "boom"));
    assertThat(store.result(job, "a")).contains(success("a", "A"));
    assertThat(store.result(job, "c")).isEmpty();
    assertThat(store.results(JobId.of(UUID.randomUUID()))).isEmpty();
  }

  @Test
  void saving_an_item_again_replaces_its_result() {
    store.save(job, List.of(failure("a", "first")));
    store.save(job, List.of(success("a", "second")));

    assertThat(store.results(job)).containsExactly(success("a", "second"));
  }

  @Test
  void a_save_replaces_the_items_saved_before_and_keeps_its_new_ones() {
    store.save(job, List.of(success("a", "first")));
    // why: large enough that a store streaming its rows is still sending when it meets the item saved before.
    List<ItemResult> again = new ArrayList<>(List.of(success("b", "B"), failure("a", "second"), success("c", "C")));
    for (int i = 0; i < 300; i++) {
      again.add(success("n" + i, "x".repeat(4096) + i));
    }

    store.save(job, again);

    assertThat(store.results(job)).containsExactlyInAnyOrderElementsOf(again);
  }

  @Test
  void keeps_any_text_in_item_names_and_errors() {
    String name = "ref/a\\b\tc\nd \u00fcn\u00efcode \u2713";
    ItemFailure odd = failure(name, "line 1\nline 2\twith a tab, a \\ and \r a return; 'quotes' \"too\"");
    ItemSuccess later = new ItemSuccess("later", T0.plusNanos(123_456_000), T0.plusSeconds(86_400 * 400L),
        Duration.ofNanos(987_654_321), Map.of("results.json", OutputValue.text("\t\\N\n")));

    List<ItemResult> batch = new ArrayList<>(List.of(odd, later));
    for (int i = 0; i < 30; i++) {
      // why: a batch as large as a claim's, which a store may write another way than a few results.
      batch.add(success("more-" + i, "\\x" + i));
    }

    store.save(job, batch);

    assertThat(store.results(job)).containsExactlyInAnyOrderElementsOf(batch);
    assertThat(store.result(job, name)).contains(odd);
    assertThat(store.result(job, "later")).contains(later);
  }

  @Test
  void deletes_some_items_or_the_whole_job() {
    JobId other = JobId.of(UUID.randomUUID());
    store.save(job, List.of(success("a", "A"), success("b", "B"), success("c", "C")));
    store.save(other, List.of(success("a", "A")));

    store.delete(job, List.of("a", "c", "unknown"));
    assertThat(store.results(job)).containsExactly(success("b", "B"));

    store.delete(job);
    assertThat(store.results(job)).isEmpty();
    assertThat(store.results(other)).hasSize(1);
  }

  @Test
  void concurrent_saves_of_different_items_all_stay() throws Exception {
    try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
      List<Future<?>> saves = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        saves.add(threads.submit(() -> {
          for (int i = 0; i < 250; i++) {
            store.save(job, List.<ItemResult>of(success("t" + thread + "-" + i, "x")));
          }
        }));
      }
      for (Future<?> save : saves) {
        save.get();
      }
    }

    assertThat(store.results(job)).hasSize(1000);
  }
}
