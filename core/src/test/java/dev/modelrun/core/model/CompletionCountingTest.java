package dev.modelrun.core.model;

import static dev.modelrun.core.model.JobFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelrun.core.port.out.WorkQueue.Completion;
import dev.modelrun.core.port.out.WorkQueue.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How every store counts a completion: {@link Completion#of} (beside the job fixtures it needs). */
class CompletionCountingTest {
  @Test
  void accepted_outcomes_count_into_the_job_and_the_others_are_refused() {
    Job running = JobFixtures.submitted(5).start(5, at(1));
    List<Outcome> outcomes = List.of(new Outcome("a", ItemState.SUCCEEDED), new Outcome("b", ItemState.FAILED),
        new Outcome("c", ItemState.QUEUED), new Outcome("d", ItemState.SUCCEEDED), new Outcome("e", ItemState.FAILED));

    Completion completion = Completion.of(running, outcomes, new boolean[] {true, true, true, false, false}, at(2));

    assertThat(completion.refused()).containsExactlyInAnyOrder("d", "e");
    assertThat(completion.job()).isEqualTo(running.endWork(1, 1, 1, at(2)));
  }

  @Test
  void a_completion_with_nothing_accepted_leaves_the_job_as_it_was() {
    Job running = JobFixtures.submitted(2).start(2, at(1));
    List<Outcome> outcomes = List.of(new Outcome("a", ItemState.SUCCEEDED), new Outcome("b", ItemState.QUEUED));

    Completion completion = Completion.of(running, outcomes, new boolean[2], at(2));

    assertThat(completion.job()).isSameAs(running);
    assertThat(completion.refused()).containsExactlyInAnyOrder("a", "b");
    assertThatThrownBy(() -> Completion.of(running, outcomes, new boolean[1], at(2)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 outcomes but 1 answers");
  }
}
