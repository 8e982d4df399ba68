package dev.modelrun.app.soak;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Open while the server's queue ({@code modelrun_queue_items}, read every 200 ms) holds at most a few hundred items.
 * Closed-loop senders wait while it is shut, so they submit exactly as fast as the server works the jobs off: the
 * accepted rate is then the rate the server sustains, not the rate at which it can pile up work.
 */
final class QueueGate implements BooleanSupplier, AutoCloseable {
  private static final Duration READ_EVERY = Duration.ofMillis(200);

  private final Sampler sampler;
  private final long maxQueuedItems;
  private final Thread reader;
  private volatile boolean open = true;
  private volatile boolean closed;

  QueueGate(Sampler sampler, long maxQueuedItems) {
    this.sampler = sampler;
    this.maxQueuedItems = maxQueuedItems;
    reader = Thread.ofPlatform().name("soak-queue-gate").daemon().start(this::read);
  }

  private void read() {
    try {
      while (!closed) {
        open = sampler.scrape().queuedItems() <= maxQueuedItems;
        Thread.sleep(READ_EVERY);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean getAsBoolean() {
    return open;
  }

  @Override
  public void close() {
    closed = true;
    reader.interrupt();
  }
}
