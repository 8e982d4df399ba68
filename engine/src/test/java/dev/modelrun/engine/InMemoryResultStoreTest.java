package dev.modelrun.engine;

import static dev.modelrun.engine.testkit.ResultStoreContract.failure;
import static dev.modelrun.engine.testkit.ResultStoreContract.success;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelrun.core.model.JobId;
import dev.modelrun.core.port.out.ResultStore;
import dev.modelrun.engine.testkit.ResultStoreContract;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class InMemoryResultStoreTest extends ResultStoreContract {
  @Override
  protected ResultStore newStore() {
    return new InMemoryResultStore();
  }

  // why: saves append and reads index what was appended since the last read; these interleave the two.
  @Test
  void saves_after_a_read_replace_what_it_read_and_deletes_reach_results_not_yet_read() {
    JobId job = JobId.of(UUID.randomUUID());
    store.save(job, List.of(failure("a", "first"), success("b", "B")));
    assertThat(store.result(job, "a")).contains(failure("a", "first"));

    store.save(job, List.of(success("a", "second"), success("c", "C")));
    assertThat(store.results(job)).containsExactlyInAnyOrder(success("a", "second"), success("b", "B"),
        success("c", "C"));

    store.save(job, List.of(success("d", "D"), success("b", "B again")));
    store.delete(job, List.of("d", "c"));
    assertThat(store.results(job)).containsExactlyInAnyOrder(success("a", "second"), success("b", "B again"));
    assertThat(store.result(job, "d")).isEmpty();
  }
}
