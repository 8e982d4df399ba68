package dev.modelrun.app.soak;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;

/**
 * Follows every accepted job to its end, as a patient client would: each running job is polled by its own client a
 * second after it was accepted, then every quarter of its age, between 1 and 5 seconds apart; at most
 * {@link #CONCURRENT_POLLS} requests at once; the {@link JobChecker} checks it when it has ended.
 */
final class Tracker implements AutoCloseable {
  static final long FIRST_POLL_NANOS = Duration.ofSeconds(1).toNanos();
  // why: polling a long queue of waiting jobs every second would put more load on the server than the jobs do.
  private static final long LAST_POLL_NANOS = Duration.ofSeconds(5).toNanos();
  private static final int CONCURRENT_POLLS = 64;
  // why: marks a job whose poll is under way, so the loop never polls one job twice at once.
  private static final long POLLING = Long.MAX_VALUE;

  final JobChecker checker = new JobChecker();
  private final Set<TrackedJob> running = ConcurrentHashMap.newKeySet();
  private final Queue<TrackedJob> all = new ConcurrentLinkedQueue<>();
  private final LongAdder ended = new LongAdder();
  private final Semaphore permits = new Semaphore(CONCURRENT_POLLS);
  private final ExecutorService pollers = Executors.newVirtualThreadPerTaskExecutor();
  private final Thread loop;
  private volatile boolean closed;

  Tracker() {
    loop = Thread.ofPlatform().name("soak-tracker").daemon().start(this::loop);
  }

  void track(TrackedJob job) {
    all.add(job);
    running.add(job);
  }

  private void loop() {
    try {
      while (!closed) {
        long now = System.nanoTime();
        for (TrackedJob job : running) {
          if (job.nextPollNanos <= now) {
            job.nextPollNanos = POLLING;
            permits.acquire();
            pollers.submit(() -> pollOnce(job));
          }
        }
        Thread.sleep(50);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void pollOnce(TrackedJob job) {
    try {
      checker.poll(job);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (job.state() == TrackedJob.State.RUNNING) {
        long now = System.nanoTime();
        long age = now - job.acceptedNanos;
        job.nextPollNanos = now + Math.clamp(age / 4, FIRST_POLL_NANOS, LAST_POLL_NANOS);
      } else {
        running.remove(job);
        ended.increment();
      }
      permits.release();
    }
  }

  /** Waits until every tracked job has ended, at most {@code bound}; true when they all have. */
  boolean awaitAllEnded(Duration bound) throws InterruptedException {
    long deadline = System.nanoTime() + bound.toNanos();
    while (!running.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    return running.isEmpty();
  }

  int runningCount() {
    return running.size();
  }

  long endedCount() {
    return ended.sum();
  }

  List<TrackedJob> all() {
    return List.copyOf(all);
  }

  @Override
  public void close() {
    closed = true;
    loop.interrupt();
    pollers.shutdownNow();
  }
}
