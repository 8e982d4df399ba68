package dev.modelrun.engine;

import dev.modelrun.core.model.InvalidInputException;
import dev.modelrun.core.model.OverCapacityException;
import dev.modelrun.core.port.out.WorkQueue;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The bound on waiting work: a submit that would take the queue's waiting items past it is refused before anything
 * of it is stored, so clients back off instead of piling up work the nodes cannot reach.
 *
 * <p>The queue's backlog is read at most every {@link #FRESHNESS} (summing it costs the store a pass over the waiting
 * jobs, which grows with the backlog); between readings the items this node admitted since are added to the last
 * reading. Items that ran since count only at the next reading, so before refusing on such an estimate the backlog
 * is read again. Submits admitted but not yet stored when the backlog is read, and other nodes' submits, show at a
 * later reading: concurrent submits may pass the bound by their own items, and nodes sharing a store by what they
 * admit in one {@link #FRESHNESS}.
 */
final class Admission {
  // why: a backlog drains in seconds at the engine's rates; a client retrying sooner only adds load.
  static final Duration RETRY_AFTER = Duration.ofSeconds(2);
  // why: at hundreds of submits a second, one reading serves dozens of them; the soak's H2 spent 133 ms on each
  // submit's reading at a 78,000-item queue.
  static final Duration FRESHNESS = Duration.ofMillis(100);

  private final WorkQueue queue;
  private final long maxQueuedItems;
  private final LongSupplier nanoTime;
  // why: one submit reads the store while the others of that moment wait for its reading instead of each reading it
  // too; a lock, not synchronized, since on Java 21 a virtual thread blocked in the store read inside synchronized
  // would pin its carrier thread.
  private final ReentrantLock lock = new ReentrantLock();
  private long reading;
  private long admittedSince;
  private long readAt;
  private boolean read;

  Admission(WorkQueue queue, long maxQueuedItems) {
    this(queue, maxQueuedItems, System::nanoTime);
  }

  Admission(WorkQueue queue, long maxQueuedItems, LongSupplier nanoTime) {
    this.queue = queue;
    this.maxQueuedItems = maxQueuedItems;
    this.nanoTime = nanoTime;
  }

  /**
   * Admits {@code items} more waiting items, or refuses them.
   *
   * @throws InvalidInputException when the job alone is larger than the bound: it would never fit
   * @throws OverCapacityException when the waiting work leaves no room for it now
   */
  void admit(long items) {
    check(items, true);
  }

  /** Refuses new work at once when the queue is already full (before reading an upload); admits nothing. */
  void admitAny() {
    check(1, false);
  }

  private void check(long items, boolean admit) {
    if (maxQueuedItems == Long.MAX_VALUE) {
      return;
    }
    if (items > maxQueuedItems) {
      throw new InvalidInputException("the job has " + items + " items of work, over the " + maxQueuedItems
          + " this server queues at most; split it into smaller jobs");
    }
    lock.lock();
    try {
      checkLocked(items, admit);
    } finally {
      lock.unlock();
    }
  }

  private void checkLocked(long items, boolean admit) {
    if (!read || nanoTime.getAsLong() - readAt > FRESHNESS.toNanos()) {
      readBacklog();
    }
    if (reading + admittedSince + items > maxQueuedItems && admittedSince > 0) {
      // why: the estimate counts what was admitted since the reading but not what ran since; read before refusing.
      readBacklog();
    }
    long queued = reading + admittedSince;
    if (queued + items > maxQueuedItems) {
      throw new OverCapacityException("the queue is full: " + queued + " items of work are waiting and this server "
          + "queues at most " + maxQueuedItems + "; retry in " + RETRY_AFTER.toSeconds() + " seconds", RETRY_AFTER);
    }
    if (admit) {
      admittedSince += items;
    }
  }

  private void readBacklog() {
    reading = queue.backlog().queuedItems();
    admittedSince = 0;
    readAt = nanoTime.getAsLong();
    read = true;
  }
}
