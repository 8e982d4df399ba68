package dev.modelrun.adapters.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;

class OrderedPermitsTest {
  @Test
  void a_free_permit_is_taken_at_once_whatever_the_ticket() throws InterruptedException {
    OrderedPermits permits = new OrderedPermits(2);

    permits.acquire(permits.ticket() + 5);
    permits.acquire(0);

    assertThat(permits.waiting()).isZero();
  }

  @Test
  void waiters_are_served_lowest_ticket_first_then_in_the_order_they_came() throws Exception {
    OrderedPermits permits = new OrderedPermits(1);
    long first = permits.ticket();
    long second = permits.ticket();
    long third = permits.ticket();
    permits.acquire(first);
    BlockingQueue<String> served = new LinkedBlockingQueue<>();
    List<Thread> threads = new ArrayList<>();
    // why: they come to wait in the order opposite to their tickets' (third's two threads first).
    threads.add(waiter(permits, third, "third-a", served));
    awaitWaiting(permits, 1);
    threads.add(waiter(permits, third, "third-b", served));
    awaitWaiting(permits, 2);
    threads.add(waiter(permits, second, "second", served));
    awaitWaiting(permits, 3);

    List<String> order = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      permits.release();
      order.add(served.take());
    }

    assertThat(order).containsExactly("second", "third-a", "third-b");
    for (Thread thread : threads) {
      thread.join();
    }
  }

  @Test
  void a_waiter_interrupted_before_its_turn_holds_no_permit_and_leaves_the_queue() throws Exception {
    OrderedPermits permits = new OrderedPermits(1);
    permits.acquire(permits.ticket());
    List<Throwable> failures = new ArrayList<>();
    Thread waiter = Thread.ofVirtual().start(() -> {
      try {
        permits.acquire(permits.ticket());
      } catch (InterruptedException e) {
        synchronized (failures) {
          failures.add(e);
        }
      }
    });
    awaitWaiting(permits, 1);

    waiter.interrupt();
    waiter.join();
    permits.release();

    assertThat(failures).singleElement().isInstanceOf(InterruptedException.class);
    assertThat(permits.waiting()).isZero();
    // why: the permit given back went to nobody, so it is free again.
    permits.acquire(permits.ticket());
  }

  @Test
  void no_permits_is_refused() {
    assertThatThrownBy(() -> new OrderedPermits(0)).isInstanceOf(IllegalArgumentException.class);
  }

  private static Thread waiter(OrderedPermits permits, long ticket, String name, BlockingQueue<String> served) {
    return Thread.ofVirtual().start(() -> {
      try {
        permits.acquire(ticket);
        served.add(name);
      } catch (InterruptedException e) {
        served.add(name + " interrupted");
      }
    });
  }

  private static void awaitWaiting(OrderedPermits permits, int count) throws InterruptedException {
    while (permits.waiting() < count) {
      Thread.sleep(1);
    }
  }
}
