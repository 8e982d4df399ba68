package dev.modelrun.benchmarks;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting for a condition the benchmark cannot be told about, only check. */
final class Polling {
  private Polling() {}

  /** Checks {@code done} every {@code every} until it holds; fails, naming {@code what}, after {@code timeout}. */
  static void until(String what, BooleanSupplier done, Duration every, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(what + " did not happen within " + timeout);
      }
      Thread.sleep(every);
    }
  }
}
