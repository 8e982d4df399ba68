package dev.modelrun.benchmarks;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** What a throughput run counts of its no-op work: how many executions, and when the first one started. */
final class RunMarks {
  private final AtomicLong firstAt = new AtomicLong();
  private final LongAdder executions = new LongAdder();

  void executed() {
    if (firstAt.get() == 0) {
      firstAt.compareAndSet(0, System.nanoTime());
    }
    executions.increment();
  }

  long executions() {
    return executions.sum();
  }

  /** Prints a line when the executions were not one per item (a throughput run expects exactly one). */
  void reportIfNotOnce(String system, int items) {
    if (executions() != items) {
      System.out.printf("  note: %s ran %,d executions for %,d items%n", system, executions(), items);
    }
  }

  /** {@link System#nanoTime()} of the first execution; 0 before it. */
  long firstAt() {
    return firstAt.get();
  }
}
