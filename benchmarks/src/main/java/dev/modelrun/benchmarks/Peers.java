package dev.modelrun.benchmarks;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** What the peer cases share: waiting for a condition, and a word when work did not run exactly once. */
final class Peers {
  private Peers() {}

  /** Polls {@code done} every {@code every} until it holds; fails after {@code timeout}. */
  static void await(String what, BooleanSupplier done, Duration every, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(what + " did not happen within " + timeout);
      }
      Thread.sleep(every);
    }
  }

  static void warnIfNotOnce(String system, long executions, int items) {
    if (executions != items) {
      System.out.printf("  note: %s ran %,d executions for %,d items%n", system, executions, items);
    }
  }
}
