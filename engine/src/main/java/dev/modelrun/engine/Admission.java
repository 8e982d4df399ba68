package dev.modelrun.engine;

import dev.modelrun.core.model.InvalidInputException;
import dev.modelrun.core.model.OverCapacityException;
import dev.modelrun.core.port.out.WorkQueue;
import java.time.Duration;

/**
 * The bound on waiting work: a submit that would take the queue's waiting items past it is refused before anything
 * of it is stored, so clients back off instead of piling up work the nodes cannot reach. Concurrent submits are
 * checked against the same reading, so each may pass the bound by at most its own items.
 */
final class Admission {
  // why: a backlog drains in seconds at the engine's rates; a client retrying sooner only adds load.
  static final Duration RETRY_AFTER = Duration.ofSeconds(2);

  private final WorkQueue queue;
  private final long maxQueuedItems;

  Admission(WorkQueue queue, long maxQueuedItems) {
    this.queue = queue;
    this.maxQueuedItems = maxQueuedItems;
  }

  /**
   * Admits {@code items} more waiting items, or refuses them.
   *
   * @throws InvalidInputException when the job alone is larger than the bound: it would never fit
   * @throws OverCapacityException when the waiting work leaves no room for it now
   */
  void admit(long items) {
    if (maxQueuedItems == Long.MAX_VALUE) {
      return;
    }
    if (items > maxQueuedItems) {
      throw new InvalidInputException("the job has " + items + " items of work, over the " + maxQueuedItems
          + " this server queues at most; split it into smaller jobs");
    }
    long queued = queue.backlog().queuedItems();
    if (queued + items > maxQueuedItems) {
      throw new OverCapacityException("the queue is full: " + queued + " items of work are waiting and this server "
          + "queues at most " + maxQueuedItems + "; retry in " + RETRY_AFTER.toSeconds() + " seconds", RETRY_AFTER);
    }
  }

  /** Refuses new work at once when the queue is already full (before reading an upload). */
  void admitAny() {
    admit(1);
  }
}
