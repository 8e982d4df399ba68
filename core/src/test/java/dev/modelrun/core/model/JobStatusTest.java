package dev.modelrun.core.model;

import static dev.modelrun.core.model.JobStatus.CANCELED;
import static dev.modelrun.core.model.JobStatus.COMPLETED;
import static dev.modelrun.core.model.JobStatus.ERROR;
import static dev.modelrun.core.model.JobStatus.IN_PROGRESS;
import static dev.modelrun.core.model.JobStatus.OPEN;
import static dev.modelrun.core.model.JobStatus.SUBMITTED;
import static dev.modelrun.core.model.JobStatus.TIMEDOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JobStatusTest {

  // The contract of API.md "Statuses", written out by hand: a status not listed as a key has no way out.
  private static final Map<JobStatus, Set<JobStatus>> ALLOWED = Map.of(
      OPEN, EnumSet.of(SUBMITTED, CANCELED),
      SUBMITTED, EnumSet.of(IN_PROGRESS, CANCELED, TIMEDOUT),
      IN_PROGRESS, EnumSet.of(COMPLETED, ERROR, CANCELED, TIMEDOUT),
      COMPLETED, EnumSet.noneOf(JobStatus.class),
      ERROR, EnumSet.noneOf(JobStatus.class),
      CANCELED, EnumSet.noneOf(JobStatus.class),
      TIMEDOUT, EnumSet.noneOf(JobStatus.class));

  @Test
  void the_table_names_every_status() {
    assertThat(ALLOWED.keySet()).containsExactlyInAnyOrder(JobStatus.values());
  }

  @ParameterizedTest
  @EnumSource(JobStatus.class)
  void allows_exactly_the_transitions_of_the_table_from(JobStatus from) {
    for (JobStatus to : JobStatus.values()) {
      assertThat(from.canMoveTo(to))
          .as("%s -> %s", from, to)
          .isEqualTo(ALLOWED.get(from).contains(to));
    }
  }

  @Test
  void the_four_last_statuses_are_terminal_and_the_others_are_not() {
    assertThat(EnumSet.allOf(JobStatus.class).stream().filter(JobStatus::isTerminal))
        .containsExactlyInAnyOrder(COMPLETED, ERROR, CANCELED, TIMEDOUT);
  }

  @ParameterizedTest
  @EnumSource(JobStatus.class)
  void a_status_is_terminal_exactly_when_it_has_no_way_out(JobStatus status) {
    assertThat(status.isTerminal()).isEqualTo(ALLOWED.get(status).isEmpty());
  }

  @ParameterizedTest
  @EnumSource(JobStatus.class)
  void no_status_moves_to_itself(JobStatus status) {
    assertThat(status.canMoveTo(status)).isFalse();
  }

  @Test
  void work_where_every_item_failed_ends_in_error() {
    assertThat(JobStatus.outcomeOf(new JobCounters(3, 0, 0, 0, 3))).isEqualTo(ERROR);
  }

  @Test
  void work_where_some_items_failed_ends_completed() {
    assertThat(JobStatus.outcomeOf(new JobCounters(3, 0, 0, 1, 2))).isEqualTo(COMPLETED);
  }

  @Test
  void work_where_nothing_failed_ends_completed() {
    assertThat(JobStatus.outcomeOf(new JobCounters(3, 0, 0, 3, 0))).isEqualTo(COMPLETED);
  }

  @Test
  void a_job_without_work_ends_completed_not_in_error() {
    assertThat(JobStatus.outcomeOf(JobCounters.pending(0))).isEqualTo(COMPLETED);
  }

  @Test
  void there_is_no_outcome_while_work_is_pending_or_running() {
    assertThatThrownBy(() -> JobStatus.outcomeOf(new JobCounters(3, 1, 0, 0, 2)))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> JobStatus.outcomeOf(new JobCounters(3, 0, 1, 0, 2)))
        .isInstanceOf(IllegalStateException.class);
  }
}
