package dev.modelrun.engine;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes idle workers when work may have arrived. A worker reads {@link #generation()} before it looks for work and,
 * finding none, waits until the generation moves; signals take no lock while nobody waits.
 */
final class WorkSignal {
  private final AtomicLong generation = new AtomicLong();
  private final AtomicInteger waiting = new AtomicInteger();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition moved = lock.newCondition();

  long generation() {
    return generation.get();
  }

  void signal() {
    generation.incrementAndGet();
    if (waiting.get() > 0) {
      lock.lock();
      try {
        moved.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  /** Waits until the generation is no longer {@code seen}, or {@code timeoutNanos} passed. */
  void awaitChange(long seen, long timeoutNanos) throws InterruptedException {
    waiting.incrementAndGet();
    lock.lock();
    try {
      long left = timeoutNanos;
      while (generation.get() == seen && left > 0) {
        left = moved.awaitNanos(left);
      }
    } finally {
      lock.unlock();
      waiting.decrementAndGet();
    }
  }

  /** Waits for a change with a bound in milliseconds. */
  void awaitChange(long seen, long timeout, TimeUnit unit) throws InterruptedException {
    awaitChange(seen, unit.toNanos(timeout));
  }
}
