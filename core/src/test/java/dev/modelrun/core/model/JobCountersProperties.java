package dev.modelrun.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

class JobCountersProperties {

  enum Kind { START, FINISH, REQUEUE }

  record Move(Kind kind, long a, long b) {}

  @Property
  void random_moves_never_create_lose_or_turn_work_negative(@ForAll @LongRange(min = 0, max = 50) long total,
      @ForAll("moves") List<Move> moves) {
    JobCounters counters = JobCounters.pending(total);
    for (Move move : moves) {
      JobCounters before = counters;
      if (legal(before, move)) {
        counters = apply(before, move);
      } else {
        assertThatThrownBy(() -> apply(before, move)).isInstanceOf(IllegalArgumentException.class);
      }
      assertThat(counters.total()).isEqualTo(total);
      assertThat(counters.pending() + counters.inProgress() + counters.completed() + counters.failed())
          .isEqualTo(total);
      assertThat(List.of(counters.pending(), counters.inProgress(), counters.completed(), counters.failed()))
          .allMatch(n -> n >= 0);
      // finished work never goes back
      assertThat(counters.completed()).isGreaterThanOrEqualTo(before.completed());
      assertThat(counters.failed()).isGreaterThanOrEqualTo(before.failed());
    }
  }

  private static boolean legal(JobCounters c, Move move) {
    return switch (move.kind()) {
      case START -> move.a() >= 0 && move.a() <= c.pending();
      case FINISH -> move.a() >= 0 && move.b() >= 0 && move.a() + move.b() <= c.inProgress();
      case REQUEUE -> move.a() >= 0 && move.a() <= c.inProgress();
    };
  }

  private static JobCounters apply(JobCounters c, Move move) {
    return switch (move.kind()) {
      case START -> c.start(move.a());
      case FINISH -> c.finish(move.a(), move.b());
      case REQUEUE -> c.requeue(move.a());
    };
  }

  @Provide
  Arbitrary<List<Move>> moves() {
    Arbitrary<Move> move = Combinators.combine(
        Arbitraries.of(Kind.class), Arbitraries.longs().between(-2, 30), Arbitraries.longs().between(-2, 30))
        .as(Move::new);
    return move.list().ofMaxSize(40);
  }
}
