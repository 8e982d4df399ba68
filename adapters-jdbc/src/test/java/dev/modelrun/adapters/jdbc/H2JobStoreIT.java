package dev.modelrun.adapters.jdbc;

import static dev.modelrun.engine.testkit.Jobs.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelrun.core.model.ItemState;
import dev.modelrun.core.model.Job;
import dev.modelrun.core.model.JobCounters;
import dev.modelrun.core.model.ModelRef;
import dev.modelrun.core.port.out.WorkQueue.Completion;
import dev.modelrun.core.port.out.WorkQueue.Outcome;
import dev.modelrun.engine.testkit.EchoModel;
import dev.modelrun.engine.testkit.JobStoreContract;
import dev.modelrun.engine.testkit.Jobs;
import java.time.Instant;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class H2JobStoreIT extends JobStoreContract<JdbcJobStore> {
  @RegisterExtension
  static final TestStores DB = TestStores.h2();

  @Override
  protected JdbcJobStore newStore() {
    DB.truncate();
    return DB.stores().jobStore();
  }

  // why: H2 ends a claim's consecutive items together; this is a run whose first item another owner holds now.
  @Test
  void a_late_completion_takes_the_items_its_owner_holds_again_and_refuses_the_one_another_holds() {
    Jobs jobs = Jobs.submitted().items(4);
    Job job = jobs.build();
    store.create(job, jobs.names());
    Map<ModelRef, Integer> four = Map.of(EchoModel.DESCRIPTOR.ref(), 4);
    store.claim("w1", four, T0, LEASE).orElseThrow();
    Instant later = T0.plus(LEASE).plusSeconds(1);
    assertThat(store.recoverExpired(later)).isEqualTo(4);
    store.claim("w2", Map.of(EchoModel.DESCRIPTOR.ref(), 1), later, LEASE).orElseThrow();
    store.claim("w1", four, later, LEASE).orElseThrow();

    Completion late = store.complete("w1", job.id(), IntStream.rangeClosed(1, 4)
        .mapToObj(i -> new Outcome("item-" + i, i - 1, ItemState.SUCCEEDED)).toList(), later);

    assertThat(late.refused()).containsExactly("item-1");
    assertThat(late.job().counters()).isEqualTo(new JobCounters(4, 0, 1, 3, 0));
  }
}
