package dev.modelrun.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.modelrun.core.billing.Billing;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

class JobLifecycleProperties {

  enum Kind { START, FINISH, REQUEUE, CANCEL, TIME_OUT, FAIL, RENAME, CLOSE }

  /** One event with two small numbers (counts) and how many seconds after the previous event it comes. */
  record Event(Kind kind, int a, int b, int secondsLater) {
    boolean changesStatusOrWork() {
      return kind != Kind.RENAME;
    }

    Job applyTo(Job job, Instant at) {
      return switch (kind) {
        case START -> job.start(a, at);
        case FINISH -> job.finishWork(a, b, at);
        case REQUEUE -> job.requeue(a, at);
        case CANCEL -> job.cancel(at);
        case TIME_OUT -> job.timeOut(at);
        case FAIL -> job.fail(a == 0 ? " " : "input could not be read", at);
        case RENAME -> job.rename("renamed-" + a, at);
        case CLOSE -> job.close(a, new Billing(a, a, a), a, at);
      };
    }
  }

  @Property(tries = 2000)
  @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
  void no_sequence_of_events_leaves_a_terminal_state_or_breaks_the_counters(
      @ForAll boolean chunked, @ForAll @IntRange(min = 1, max = 4) int workUnits,
      @ForAll("events") List<Event> events) {
    Job job = chunked ? JobFixtures.open() : JobFixtures.submitted(workUnits);
    Instant now = job.updatedAt();
    for (Event event : events) {
      now = now.plusSeconds(event.secondsLater());
      Job before = job;
      Instant at = now;
      if (before.status().isTerminal() && event.changesStatusOrWork()) {
        assertThatThrownBy(() -> event.applyTo(before, at))
            .as("%s on a %s job", event, before.status())
            .isInstanceOfSatisfying(IllegalTransitionException.class,
                e -> assertThat(e.from()).isEqualTo(before.status()));
        continue;
      }
      Throwable refused = catchThrowable(() -> event.applyTo(before, at));
      Class<? extends Throwable> expectedRefusal = expectedRefusal(before, event);
      if (expectedRefusal != null) {
        // a wrong move of a live job: a transition its status does not allow, or counts its work does not have
        assertThat(refused).as("%s on %s", event, before).isExactlyInstanceOf(expectedRefusal);
        continue;
      }
      assertThat(refused).as("%s on %s", event, before).isNull();
      job = event.applyTo(before, at);
      assertThat(job.status()).as("status after %s", event).isEqualTo(expectedStatus(before, event));
      if (job.status() == JobStatus.CANCELED || job.status() == JobStatus.TIMEDOUT) {
        assertThat(job.counters().inProgress()).as("nothing runs once stopped").isZero();
      }
      assertThat(job.version()).as("version after %s", event).isEqualTo(before.version() + 1);
      assertThat(job.updatedAt()).isEqualTo(at);
      assertThat(job.status() == before.status() || before.status().canMoveTo(job.status()))
          .as("%s -> %s by %s", before.status(), job.status(), event).isTrue();
      if (before.status().isTerminal()) {
        assertThat(job.status()).isEqualTo(before.status());
        assertThat(job.counters()).isEqualTo(before.counters());
        assertThat(job.finished()).isEqualTo(before.finished());
      }
      assertCountersAddUp(job.counters());
      assertThat(job.finished().isPresent()).isEqualTo(job.status().isTerminal());
      assertThat(job.billing()).isEqualTo(event.kind() == Kind.CLOSE ? new Billing(event.a(), event.a(), event.a())
          : before.billing());
      assertThat(job.elapsedTime(now).isNegative()).isFalse();
      assertThat(job.queueTime(now).isNegative()).isFalse();
    }
    Statistics.label("final status").collect(job.status());
    // why: the property says little unless the events really drive jobs into every terminal status
    Statistics.label("final status").coverage(coverage -> {
      for (JobStatus terminal : List.of(JobStatus.COMPLETED, JobStatus.ERROR, JobStatus.CANCELED, JobStatus.TIMEDOUT)) {
        coverage.check(terminal).percentage(p -> p > 1);
      }
    });
  }

  @Property
  void a_terminal_job_refuses_every_status_changing_event(@ForAll("terminalJobs") Job terminal,
      @ForAll("events") List<Event> events) {
    for (Event event : events) {
      if (event.changesStatusOrWork()) {
        assertThatThrownBy(() -> event.applyTo(terminal, JobFixtures.at(1000)))
            .isInstanceOf(IllegalTransitionException.class);
      } else {
        assertThat(event.applyTo(terminal, JobFixtures.at(1000)).status()).isEqualTo(terminal.status());
      }
    }
  }

  /** The rules of {@link Job} restated: what refuses an event, or {@code null} when it is accepted. */
  private static Class<? extends Throwable> expectedRefusal(Job job, Event event) {
    JobStatus status = job.status();
    JobCounters c = job.counters();
    return switch (event.kind()) {
      case START -> status != JobStatus.SUBMITTED && status != JobStatus.IN_PROGRESS
          ? IllegalTransitionException.class : event.a() > c.pending() ? IllegalArgumentException.class : null;
      case FINISH -> status != JobStatus.IN_PROGRESS ? IllegalTransitionException.class
          : event.a() + event.b() > c.inProgress() ? IllegalArgumentException.class : null;
      case REQUEUE -> status.isTerminal() ? IllegalTransitionException.class
          : event.a() > c.inProgress() ? IllegalArgumentException.class : null;
      case CANCEL -> status.canMoveTo(JobStatus.CANCELED) ? null : IllegalTransitionException.class;
      case TIME_OUT -> status.canMoveTo(JobStatus.TIMEDOUT) ? null : IllegalTransitionException.class;
      case FAIL -> !status.canMoveTo(JobStatus.ERROR) ? IllegalTransitionException.class
          : event.a() == 0 ? IllegalArgumentException.class : null;
      case RENAME -> null;
      case CLOSE -> status != JobStatus.OPEN ? IllegalTransitionException.class
          : event.a() == 0 ? IllegalArgumentException.class : null;
    };
  }

  private static JobStatus expectedStatus(Job job, Event event) {
    return switch (event.kind()) {
      case START -> JobStatus.IN_PROGRESS;
      case FINISH -> {
        JobCounters after = job.counters().finish(event.a(), event.b());
        yield after.isDone() ? (after.failed() == after.total() ? JobStatus.ERROR : JobStatus.COMPLETED)
            : JobStatus.IN_PROGRESS;
      }
      case REQUEUE, RENAME -> job.status();
      case CANCEL -> JobStatus.CANCELED;
      case TIME_OUT -> JobStatus.TIMEDOUT;
      case FAIL -> JobStatus.ERROR;
      case CLOSE -> JobStatus.SUBMITTED;
    };
  }

  private static void assertCountersAddUp(JobCounters c) {
    assertThat(c.pending() + c.inProgress() + c.completed() + c.failed()).isEqualTo(c.total());
    assertThat(List.of(c.pending(), c.inProgress(), c.completed(), c.failed())).allMatch(n -> n >= 0);
  }

  @Provide
  Arbitrary<List<Event>> events() {
    Arbitrary<Kind> kinds = Arbitraries.frequency(
        Tuple.of(12, Kind.START), Tuple.of(12, Kind.FINISH), Tuple.of(2, Kind.REQUEUE), Tuple.of(1, Kind.CANCEL),
        Tuple.of(1, Kind.TIME_OUT), Tuple.of(1, Kind.FAIL), Tuple.of(1, Kind.RENAME), Tuple.of(4, Kind.CLOSE));
    Arbitrary<Integer> small = Arbitraries.integers().between(0, 2);
    return Combinators.combine(kinds, small, small, Arbitraries.integers().between(0, 5)).as(Event::new)
        .list().ofMaxSize(40);
  }

  @Provide
  Arbitrary<Job> terminalJobs() {
    Job running = JobFixtures.submitted(2).start(2, JobFixtures.at(1));
    return Arbitraries.of(
        running.finishWork(2, 0, JobFixtures.at(2)),
        running.finishWork(1, 1, JobFixtures.at(2)),
        running.finishWork(0, 2, JobFixtures.at(2)),
        running.cancel(JobFixtures.at(2)),
        running.timeOut(JobFixtures.at(2)),
        running.fail("broken", JobFixtures.at(2)),
        JobFixtures.submitted(1).cancel(JobFixtures.at(2)),
        JobFixtures.submitted(1).timeOut(JobFixtures.at(2)),
        JobFixtures.open().cancel(JobFixtures.at(2)));
  }
}
