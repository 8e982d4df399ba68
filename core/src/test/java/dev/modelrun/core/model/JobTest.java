package dev.modelrun.core.model;

import static dev.modelrun.core.model.JobFixtures.ID;
import static dev.modelrun.core.model.JobFixtures.OWNER;
import static dev.modelrun.core.model.JobFixtures.T0;
import static dev.modelrun.core.model.JobFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelrun.core.billing.Billing;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class JobTest {

  @Nested
  class Creation {
    @Test
    void a_submitted_job_starts_at_version_zero_with_all_work_pending() {
      Job job = JobFixtures.submitted(3);

      assertThat(job.status()).isEqualTo(JobStatus.SUBMITTED);
      assertThat(job.version()).isZero();
      assertThat(job.counters()).isEqualTo(JobCounters.pending(3));
      assertThat(job.createdAt()).isEqualTo(T0);
      assertThat(job.submitted()).contains(T0);
      assertThat(job.started()).isEmpty();
      assertThat(job.finished()).isEmpty();
      assertThat(job.updatedAt()).isEqualTo(T0);
      assertThat(job.errorMessage()).isEmpty();
      assertThat(job.billing()).isEqualTo(new Billing(3, 3, 3));
      assertThat(job.modelName()).isEqualTo("Sentiment Analysis");
      assertThat(job.type()).isEqualTo(JobType.BATCH);
    }

    @Test
    void a_job_without_a_name_is_named_by_its_id() {
      assertThat(JobFixtures.submitted(1).name()).isEqualTo(ID.value());
      assertThat(JobFixtures.submitted(JobSpec.defaults().withName("nightly"), 1).name()).isEqualTo("nightly");
    }

    @Test
    void a_job_of_a_tabular_model_is_structured() {
      Job job = Job.submitted(ID, JobSpec.defaults(), OWNER, JobFixtures.tabularModel(), InputDescription.file("a.csv",
          "text/csv"), 1, Billing.of(3, JobFixtures.tabularModel().pricing()), 10, T0);
      assertThat(job.type()).isEqualTo(JobType.STRUCTURED);
    }

    @Test
    void takes_the_options_of_its_spec() {
      JobSpec spec = JobSpec.defaults().withExplain(true).withTimeout(Duration.ofMinutes(5)).withHoursDeleteInput(2)
          .withPriority(7);
      Job job = JobFixtures.submitted(spec, 1);
      assertThat(job.explain()).isTrue();
      assertThat(job.timeout()).isEqualTo(Duration.ofMinutes(5));
      assertThat(job.hoursDeleteInput()).isEqualTo(2);
      assertThat(job.priority()).isEqualTo(7);
    }

    @Test
    void a_submitted_job_needs_work() {
      assertThatThrownBy(() -> JobFixtures.submitted(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void an_open_job_has_not_been_submitted_and_has_no_deadline() {
      Job job = JobFixtures.open();
      assertThat(job.status()).isEqualTo(JobStatus.OPEN);
      assertThat(job.submitted()).isEmpty();
      assertThat(job.deadline()).isEmpty();
      assertThat(job.queueTime(at(100))).isZero();
      assertThat(job.input().type()).isEqualTo("chunked");
    }

    @Test
    void refuses_a_terminal_job_without_finishedAt() {
      Job done = JobFixtures.submitted(1).start(1, at(1)).finishWork(1, 0, at(2));
      assertThatThrownBy(() -> withFinishedAt(done, null)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("a terminal job has finishedAt");
    }

    @Test
    void refuses_a_running_job_with_finishedAt() {
      Job running = JobFixtures.submitted(1).start(1, at(1));
      assertThatThrownBy(() -> withFinishedAt(running, at(2))).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("only a terminal job has finishedAt");
    }

    private Job withFinishedAt(Job j, Instant finishedAt) {
      return new Job(j.id(), j.name(), j.owner(), j.model(), j.modelName(), j.type(), j.input(), j.status(),
          j.explain(), j.timeout(), j.hoursDeleteInput(), j.priority(), j.counters(), j.billing(),
          j.inputByteAmount(), j.errorMessage(), j.createdAt(), j.submittedAt(), j.startedAt(), finishedAt,
          j.updatedAt(), j.version());
    }
  }

  @Nested
  class Chunked {
    @Test
    void close_submits_an_open_job_with_its_work_and_billing() {
      Job closed = JobFixtures.open().close(2, new Billing(2, 2, 2), 50, at(5));

      assertThat(closed.status()).isEqualTo(JobStatus.SUBMITTED);
      assertThat(closed.version()).isEqualTo(1);
      assertThat(closed.submitted()).contains(at(5));
      assertThat(closed.counters()).isEqualTo(JobCounters.pending(2));
      assertThat(closed.billing()).isEqualTo(new Billing(2, 2, 2));
      assertThat(closed.inputByteAmount()).isEqualTo(50);
      assertThat(closed.deadline()).contains(at(5).plus(JobSpec.DEFAULT_TIMEOUT));
    }

    @Test
    void a_submitted_job_cannot_be_closed_again() {
      assertThatThrownBy(() -> JobFixtures.submitted(1).close(1, new Billing(1, 1, 1), 1, at(1)))
          .isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void an_open_job_can_be_canceled_but_not_started_or_timed_out() {
      Job open = JobFixtures.open();
      Job canceled = open.cancel(at(3));
      assertThat(canceled.status()).isEqualTo(JobStatus.CANCELED);
      assertThat(canceled.submitted()).isEmpty();
      assertThat(canceled.finished()).contains(at(3));
      assertThatThrownBy(() -> open.start(0, at(1))).isInstanceOf(IllegalTransitionException.class);
      assertThatThrownBy(() -> open.timeOut(at(1))).isInstanceOf(IllegalTransitionException.class);
    }
  }

  @Nested
  class Running {
    @Test
    void a_batch_of_outcomes_is_one_change_that_requeues_then_finishes() {
      Job running = JobFixtures.submitted(4).start(4, at(1));

      Job after = running.endWork(1, 1, 2, at(2));

      assertThat(after.version()).isEqualTo(running.version() + 1);
      assertThat(after.counters()).isEqualTo(new JobCounters(4, 2, 0, 1, 1));
      assertThat(after.status()).isEqualTo(JobStatus.IN_PROGRESS);
      assertThat(running.endWork(0, 0, 0, at(2))).isSameAs(running);
      Job done = running.endWork(3, 1, 0, at(3));
      assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
      assertThat(done.finished()).contains(at(3));
      assertThatThrownBy(() -> done.endWork(0, 0, 1, at(4))).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void the_first_start_moves_the_job_in_progress_and_records_when() {
      Job started = JobFixtures.submitted(3).start(2, at(10));

      assertThat(started.status()).isEqualTo(JobStatus.IN_PROGRESS);
      assertThat(started.started()).contains(at(10));
      assertThat(started.counters()).isEqualTo(new JobCounters(3, 1, 2, 0, 0));
      assertThat(started.version()).isEqualTo(1);
      assertThat(started.updatedAt()).isEqualTo(at(10));
    }

    @Test
    void a_later_start_keeps_the_first_start_time() {
      Job job = JobFixtures.submitted(3).start(1, at(10)).start(1, at(20));
      assertThat(job.started()).contains(at(10));
      assertThat(job.updatedAt()).isEqualTo(at(20));
      assertThat(job.counters().inProgress()).isEqualTo(2);
    }

    @Test
    void finishing_part_of_the_work_keeps_the_job_in_progress() {
      Job job = JobFixtures.submitted(3).start(2, at(1)).finishWork(1, 1, at(2));
      assertThat(job.status()).isEqualTo(JobStatus.IN_PROGRESS);
      assertThat(job.finished()).isEmpty();
    }

    @Test
    void finishing_the_last_work_completes_the_job() {
      Job job = JobFixtures.submitted(2).start(2, at(1)).finishWork(2, 0, at(2));
      assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
      assertThat(job.finished()).contains(at(2));
      assertThat(job.errorMessage()).isEmpty();
    }

    @Test
    void a_job_with_some_failed_items_is_completed_with_failures_counted() {
      Job job = JobFixtures.submitted(2).start(2, at(1)).finishWork(1, 1, at(2));
      assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
      assertThat(job.counters().failed()).isEqualTo(1);
    }

    @Test
    void a_job_whose_items_all_failed_is_in_error() {
      Job job = JobFixtures.submitted(2).start(2, at(1)).finishWork(0, 2, at(2));
      assertThat(job.status()).isEqualTo(JobStatus.ERROR);
      assertThat(job.errorMessage()).isEqualTo("every item failed");
    }

    @Test
    void results_of_a_job_not_in_progress_are_refused() {
      assertThatThrownBy(() -> JobFixtures.submitted(1).finishWork(0, 0, at(1)))
          .isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void a_late_result_of_a_canceled_job_is_refused_naming_the_statuses() {
      Job canceled = JobFixtures.submitted(2).start(2, at(1)).cancel(at(2));
      assertThatThrownBy(() -> canceled.finishWork(1, 0, at(3)))
          .isInstanceOfSatisfying(IllegalTransitionException.class, e -> {
            assertThat(e.jobId()).isEqualTo(ID);
            assertThat(e.from()).isEqualTo(JobStatus.CANCELED);
            assertThat(e.to()).isEqualTo(JobStatus.COMPLETED);
          });
    }

    @Test
    void requeue_hands_running_work_back_without_changing_the_status() {
      Job job = JobFixtures.submitted(3).start(2, at(1)).requeue(1, at(2));
      assertThat(job.status()).isEqualTo(JobStatus.IN_PROGRESS);
      assertThat(job.counters()).isEqualTo(new JobCounters(3, 2, 1, 0, 0));
      assertThat(job.version()).isEqualTo(2);
    }

    @Test
    void a_lost_lease_after_a_cancel_is_refused_as_a_transition() {
      Job canceled = JobFixtures.submitted(2).start(2, at(1)).cancel(at(2));
      assertThatThrownBy(() -> canceled.requeue(1, at(3))).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void starting_more_than_is_pending_is_a_programming_error() {
      assertThatThrownBy(() -> JobFixtures.submitted(1).start(2, at(1))).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  class Stopping {
    @Test
    void cancel_keeps_unfinished_work_counted_as_pending() {
      Job job = JobFixtures.submitted(4).start(3, at(1)).finishWork(1, 0, at(2)).cancel(at(3));

      assertThat(job.status()).isEqualTo(JobStatus.CANCELED);
      assertThat(job.counters()).isEqualTo(new JobCounters(4, 3, 0, 1, 0));
      assertThat(job.finished()).contains(at(3));
      assertThat(job.errorMessage()).isEmpty();
    }

    @Test
    void a_submitted_job_can_be_canceled() {
      assertThat(JobFixtures.submitted(1).cancel(at(1)).status()).isEqualTo(JobStatus.CANCELED);
    }

    @Test
    void time_out_says_after_how_long() {
      Job job = JobFixtures.submitted(JobSpec.defaults().withTimeout(Duration.ofMillis(1500)), 1).timeOut(at(2));
      assertThat(job.status()).isEqualTo(JobStatus.TIMEDOUT);
      assertThat(job.errorMessage()).isEqualTo("job timed out after 1500 ms");
    }

    @Test
    void fail_ends_a_running_job_in_error_with_the_reason() {
      Job job = JobFixtures.submitted(2).start(1, at(1)).fail("input unreadable", at(2));
      assertThat(job.status()).isEqualTo(JobStatus.ERROR);
      assertThat(job.errorMessage()).isEqualTo("input unreadable");
      assertThat(job.counters()).isEqualTo(JobCounters.pending(2));
    }

    @Test
    void fail_needs_a_reason() {
      assertThatThrownBy(() -> JobFixtures.submitted(2).start(1, at(1)).fail(" ", at(2)))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_finished_job_cannot_be_canceled() {
      Job done = JobFixtures.submitted(1).start(1, at(1)).finishWork(1, 0, at(2));
      assertThatThrownBy(() -> done.cancel(at(3)))
          .isInstanceOf(IllegalTransitionException.class)
          .hasMessageContaining("cannot move from COMPLETED to CANCELED");
    }
  }

  @Nested
  class Renaming {
    @Test
    void rename_changes_only_the_name_version_and_update_time() {
      Job before = JobFixtures.submitted(3);
      Job after = before.rename("better", at(4));
      assertThat(after.name()).isEqualTo("better");
      assertThat(after.version()).isEqualTo(1);
      assertThat(after.updatedAt()).isEqualTo(at(4));
      assertThat(after).usingRecursiveComparison().ignoringFields("name", "version", "updatedAt").isEqualTo(before);
    }

    @Test
    void a_finished_job_can_still_be_renamed() {
      Job done = JobFixtures.submitted(1).start(1, at(1)).finishWork(1, 0, at(2));
      assertThat(done.rename("kept", at(3)).status()).isEqualTo(JobStatus.COMPLETED);
    }

    @Test
    void names_must_be_1_to_256_characters() {
      Job job = JobFixtures.submitted(1);
      assertThat(job.rename("n".repeat(256), at(1)).name()).hasSize(256);
      assertThatThrownBy(() -> job.rename("n".repeat(257), at(1))).isInstanceOf(InvalidInputException.class)
          .hasMessage("name must be 1 to 256 characters but was 257");
      assertThatThrownBy(() -> job.rename("", at(1))).isInstanceOf(InvalidInputException.class);
    }
  }

  @Nested
  class Times {
    @Test
    void queue_time_runs_from_submission_to_the_first_start() {
      Job started = JobFixtures.submitted(2).start(1, at(7));
      assertThat(started.queueTime(at(100))).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void queue_time_of_a_waiting_job_runs_until_now() {
      assertThat(JobFixtures.submitted(1).queueTime(at(12))).isEqualTo(Duration.ofSeconds(12));
    }

    @Test
    void queue_time_of_a_job_canceled_before_it_started_stops_at_the_cancel() {
      assertThat(JobFixtures.submitted(1).cancel(at(5)).queueTime(at(100))).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void elapsed_time_runs_from_the_first_start_to_the_end() {
      Job done = JobFixtures.submitted(1).start(1, at(3)).finishWork(1, 0, at(10));
      assertThat(done.elapsedTime(at(100))).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void elapsed_time_of_a_running_job_runs_until_now() {
      assertThat(JobFixtures.submitted(1).start(1, at(3)).elapsedTime(at(8))).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void elapsed_time_is_zero_until_the_job_starts() {
      assertThat(JobFixtures.submitted(1).elapsedTime(at(8))).isZero();
    }

    @Test
    void times_never_go_negative_when_now_is_before_the_events() {
      Job started = JobFixtures.submitted(1).start(1, at(3));
      assertThat(started.elapsedTime(at(1))).isZero();
      assertThat(JobFixtures.submitted(1).queueTime(T0.minusSeconds(5))).isZero();
    }

    @Test
    void inputs_expire_hours_after_the_end_and_not_while_the_job_runs() {
      Job job = JobFixtures.submitted(JobSpec.defaults().withHoursDeleteInput(3), 1).start(1, at(1));
      assertThat(job.inputsExpireAt()).isEmpty();
      Job done = job.finishWork(1, 0, at(2));
      assertThat(done.inputsExpireAt()).contains(at(2).plus(Duration.ofHours(3)));
    }

    @Test
    void zero_hours_delete_input_expires_at_the_end() {
      Job done = JobFixtures.submitted(JobSpec.defaults().withHoursDeleteInput(0), 1).cancel(at(2));
      assertThat(done.inputsExpireAt()).contains(at(2));
    }

    @Test
    void the_deadline_is_the_timeout_after_submission() {
      Job job = JobFixtures.submitted(JobSpec.defaults().withTimeout(Duration.ofSeconds(90)), 1).start(1, at(50));
      assertThat(job.deadline()).contains(T0.plusSeconds(90));
    }
  }
}
