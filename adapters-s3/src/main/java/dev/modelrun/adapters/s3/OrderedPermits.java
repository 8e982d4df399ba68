package dev.modelrun.adapters.s3;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A semaphore whose waiting threads are served by ticket: the threads of the call that took the lowest ticket (the
 * call that came first) are served first, whatever the order they came to wait in; threads of the same ticket in the
 * order they came. A thread that finds a free permit takes it (nobody waits then).
 */
final class OrderedPermits {
  private static final Comparator<Waiter> ORDER = Comparator.<Waiter>comparingLong(waiter -> waiter.ticket)
      .thenComparingLong(waiter -> waiter.arrival);

  private final ReentrantLock lock = new ReentrantLock();
  private final PriorityQueue<Waiter> waiters = new PriorityQueue<>(ORDER);
  private final AtomicLong tickets = new AtomicLong();
  private int free;
  private long arrivals;

  OrderedPermits(int permits) {
    checkArgument(permits > 0, "permits must be > 0 but was %s", permits);
    this.free = permits;
  }

  /** The next ticket: every earlier one is served before it. */
  long ticket() {
    return tickets.getAndIncrement();
  }

  /**
   * Takes a permit, waiting for one after the waiters of lower tickets.
   *
   * @throws InterruptedException when interrupted before a permit was given to it (none is held then); a thread
   *     interrupted once its permit was given keeps it, its interrupt status set
   */
  void acquire(long ticket) throws InterruptedException {
    lock.lock();
    try {
      // why: a free permit means nobody waits (release hands permits to waiters first).
      if (free > 0) {
        free--;
        return;
      }
      Waiter waiter = new Waiter(ticket, arrivals++, lock.newCondition());
      waiters.add(waiter);
      while (!waiter.granted) {
        try {
          waiter.turn.await();
        } catch (InterruptedException e) {
          if (!waiter.granted) {
            waiters.remove(waiter);
            throw e;
          }
          Thread.currentThread().interrupt();
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** Gives a permit back: to the waiter of the lowest ticket, if any. */
  void release() {
    lock.lock();
    try {
      Waiter next = waiters.poll();
      if (next == null) {
        free++;
      } else {
        next.granted = true;
        next.turn.signal();
      }
    } finally {
      lock.unlock();
    }
  }

  /** How many threads wait for a permit now. */
  int waiting() {
    lock.lock();
    try {
      return waiters.size();
    } finally {
      lock.unlock();
    }
  }

  private static final class Waiter {
    private final long ticket;
    private final long arrival;
    private final Condition turn;
    // why: written and read under the lock only.
    private boolean granted;

    private Waiter(long ticket, long arrival, Condition turn) {
      this.ticket = ticket;
      this.arrival = arrival;
      this.turn = turn;
    }
  }
}
