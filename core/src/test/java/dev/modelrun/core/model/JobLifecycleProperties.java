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
      if (refused != null) {
        // a wrong move of a live job: a transition its status does not allow, or counts its work does not have
        assertThat(refused).as("%s on %s", event, before)
            .isInstanceOfAny(IllegalTransitionException.class, IllegalArgumentException.class);
        continue;
      }
      job = event.applyTo(before, at);
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

  private static void assertCountersAddUp(JobCounters c) {
    assertThat(c.pending() + c.inProgress() + c.completed() + c.failed()).isEqualTo(c.total());
    assertThat(List.of(c.pending(), c.inProgress(), c.completed(), c.failed())).allMatch(n -> n >= 0);
  }

  @Provide
  Arbitrary<List<Event>> events() {
    Arbitrary<Kind> kinds = Arbitraries.frequency(
        Tuple.of(6, Kind.START), Tuple.of(6, Kind.FINISH), Tuple.of(2, Kind.REQUEUE), Tuple.of(1, Kind.CANCEL),
        Tuple.of(1, Kind.TIME_OUT), Tuple.of(1, Kind.FAIL), Tuple.of(2, Kind.RENAME), Tuple.of(2, Kind.CLOSE));
    Arbitrary<Integer> small = Arbitraries.integers().between(0, 3);
    return Combinators.combine(kinds, small, small, Arbitraries.integers().between(0, 5)).as(Event::new)
        .list().ofMaxSize(25);
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
