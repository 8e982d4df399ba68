package dev.modelrun.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JobCountersTest {

  @Test
  void starts_with_all_work_pending() {
    assertThat(JobCounters.pending(5)).isEqualTo(new JobCounters(5, 5, 0, 0, 0));
  }

  @Test
  void start_moves_pending_work_to_in_progress() {
    assertThat(JobCounters.pending(5).start(2)).isEqualTo(new JobCounters(5, 3, 2, 0, 0));
  }

  @Test
  void finish_moves_running_work_to_completed_and_failed() {
    assertThat(JobCounters.pending(5).start(3).finish(2, 1)).isEqualTo(new JobCounters(5, 2, 0, 2, 1));
  }

  @Test
  void requeue_moves_running_work_back_to_pending() {
    assertThat(JobCounters.pending(5).start(3).requeue(2)).isEqualTo(new JobCounters(5, 4, 1, 0, 0));
  }

  @Test
  void is_done_only_when_nothing_is_pending_or_running() {
    assertThat(JobCounters.pending(2).isDone()).isFalse();
    assertThat(JobCounters.pending(2).start(2).isDone()).isFalse();
    assertThat(JobCounters.pending(2).start(2).finish(1, 1).isDone()).isTrue();
    assertThat(JobCounters.pending(0).isDone()).isTrue();
  }

  @Test
  void refuses_to_start_more_than_is_pending() {
    assertThatThrownBy(() -> JobCounters.pending(2).start(3)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot start 3 of 2 pending");
  }

  @Test
  void refuses_to_start_a_negative_count() {
    assertThatThrownBy(() -> JobCounters.pending(2).start(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refuses_to_finish_more_than_is_running() {
    assertThatThrownBy(() -> JobCounters.pending(5).start(2).finish(2, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("of 2 in progress");
  }

  @Test
  void refuses_to_finish_negative_counts() {
    JobCounters running = JobCounters.pending(5).start(2);
    assertThatThrownBy(() -> running.finish(-1, 2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> running.finish(2, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refuses_finished_counts_whose_sum_overflows() {
    JobCounters running = JobCounters.pending(5).start(2);
    assertThatThrownBy(() -> running.finish(Long.MAX_VALUE, Long.MAX_VALUE))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refuses_to_requeue_more_than_is_running() {
    assertThatThrownBy(() -> JobCounters.pending(5).start(1).requeue(2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot requeue 2 of 1 in progress");
  }

  @Test
  void refuses_a_negative_total() {
    assertThatThrownBy(() -> JobCounters.pending(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refuses_negative_buckets() {
    assertThatThrownBy(() -> new JobCounters(0, 1, -1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refuses_a_total_that_is_not_the_sum_of_the_buckets() {
    assertThatThrownBy(() -> new JobCounters(4, 1, 1, 1, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("total 4 must equal");
  }

  @Test
  void refuses_buckets_whose_sum_overflows_into_a_matching_total() {
    // 3 * Long.MAX_VALUE wraps around to Long.MAX_VALUE - 2 in long arithmetic
    assertThatThrownBy(() -> new JobCounters(Long.MAX_VALUE - 2, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
