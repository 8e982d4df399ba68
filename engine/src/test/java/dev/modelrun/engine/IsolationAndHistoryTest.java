package dev.modelrun.engine;

import static dev.modelrun.engine.Fixtures.WAIT;
import static dev.modelrun.engine.Fixtures.items;
import static dev.modelrun.engine.Fixtures.text;
import static dev.modelrun.engine.testkit.Jobs.ALICE;
import static dev.modelrun.engine.testkit.Jobs.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelrun.core.model.CallerIdentity;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.model.JobNotFoundException;
import dev.modelrun.core.model.JobQuery;
import dev.modelrun.core.model.JobSpec;
import dev.modelrun.core.model.ModelRef;
import dev.modelrun.core.port.in.JobPage;
import dev.modelrun.core.port.in.JobView;
import dev.modelrun.engine.testkit.EchoModel;
import dev.modelrun.engine.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IsolationAndHistoryTest {
  private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
  private static final CallerIdentity ALICE_OTHER_KEY = new CallerIdentity("acme", "team-a", "alice", "alicekey2");

  private final MutableClock clock = new MutableClock(START);
  private final ModelRunEngine engine = ModelRunEngine.builder().model(new EchoModel())
      .model(EchoModel.as("other", "1.0.0")).clock(clock).build();

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void another_key_sees_none_of_a_jobs_routes() throws Exception {
    JobId id = engine.submit(text(EchoModel.DESCRIPTOR.ref(), items(1))).job().job().id();
    engine.await(id, WAIT);

    for (CallerIdentity stranger : List.of(BOB, ALICE_OTHER_KEY)) {
      assertNotFound(() -> engine.get(stranger, id));
      assertNotFound(() -> engine.cancel(stranger, id));
      assertNotFound(() -> engine.rename(stranger, id, "mine"));
      assertNotFound(() -> engine.results(stranger, id));
      assertNotFound(() -> engine.itemResult(stranger, id, "item-1"));
      assertNotFound(() -> engine.resultLink(stranger, id));
      assertNotFound(() -> engine.await(stranger, id, Duration.ofMillis(1)));
      assertThat(engine.history(stranger, JobQuery.all()).totalCount()).isZero();
    }
    assertThat(engine.get(ALICE, id).job().id()).isEqualTo(id);
  }

  @Test
  void history_filters_sorts_and_pages_the_callers_jobs() throws Exception {
    List<JobId> mine = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ModelRef model = i % 2 == 0 ? EchoModel.DESCRIPTOR.ref() : ModelRef.of("other", "1.0.0");
      mine.add(engine.submit(text(ALICE, model, JobSpec.defaults().withName("job-" + i), items(1)))
          .job().job().id());
      clock.advance(Duration.ofMinutes(1));
    }
    engine.submit(text(BOB, EchoModel.DESCRIPTOR.ref(), JobSpec.defaults(), items(1)));
    for (JobId id : mine) {
      engine.await(id, WAIT);
    }
    JobId failed = engine.submit(text(ALICE, EchoModel.DESCRIPTOR.ref(), JobSpec.defaults().withName("failed"),
        java.util.Map.of("a", "fail:no"))).job().job().id();
    engine.await(failed, WAIT);

    JobPage firstPage = engine.history(ALICE, JobQuery.all().withPage(1, 2));
    JobPage lastPage = engine.history(ALICE, JobQuery.all().withPage(3, 2));
    JobPage other = engine.history(ALICE, JobQuery.all().withModel("other"));
    JobPage window = engine.history(ALICE, JobQuery.all().withPeriod(START.plusSeconds(60), START.plusSeconds(120))
        .withSort(JobQuery.SortKey.SUBMITTED_AT, true));

    assertThat(firstPage.totalCount()).isEqualTo(6);
    assertThat(firstPage.hasNext()).isTrue();
    assertThat(names(firstPage)).hasSize(2);
    assertThat(names(lastPage)).hasSize(2);
    assertThat(lastPage.hasNext()).isFalse();
    assertThat(names(other)).containsExactlyInAnyOrder("job-1", "job-3");
    assertThat(names(window)).containsExactly("job-1", "job-2");
    assertThat(engine.history(BOB, JobQuery.all()).totalCount()).isEqualTo(1);
    assertThat(engine.history(ALICE, JobQuery.all().withStatus(JobQuery.StatusFilter.PENDING)).totalCount())
        .isZero();
    assertThat(engine.history(ALICE, JobQuery.all().withStatus(JobQuery.StatusFilter.TERMINATED)).totalCount())
        .isEqualTo(6);
  }

  private static List<String> names(JobPage page) {
    return page.jobs().stream().map(JobView::job).map(job -> job.name()).toList();
  }

  private static void assertNotFound(ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOf(JobNotFoundException.class);
  }
}
