package dev.modelrun.engine;

import dev.modelrun.core.model.IllegalTransitionException;
import dev.modelrun.core.model.Job;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.model.JobStatus;
import dev.modelrun.core.model.JobType;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to jobs over time in one engine: the workers run them, a deadline timer times each out, a cancel or
 * timeout stops one (exactly once, however it races with its completion), and a maintenance sweep renews this
 * node's leases, recovers expired ones, times out overdue jobs of any node and deletes expired inputs.
 */
final class JobLifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(JobLifecycle.class);
  private static final int OVERDUE_BATCH = 1000;

  private final EngineParts parts;
  private final String node;
  private final Duration lease;
  private final Duration maintenanceInterval;
  private final WorkerPool workers;
  private final ScheduledThreadPoolExecutor timers;
  private final Map<JobId, ScheduledFuture<?>> deadlines = new ConcurrentHashMap<>();
  private volatile boolean closed;
  // why: once per engine, in its first sweep (at start); if that sweep fails, the next one tries again.
  private volatile boolean formerLeasesHandedBack;

  JobLifecycle(EngineParts parts, String node, Duration lease, Duration maintenanceInterval, int workerCount) {
    this.parts = parts;
    this.node = node;
    this.lease = lease;
    this.maintenanceInterval = maintenanceInterval;
    this.timers = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().daemon().name("modelrun-deadlines")
        .factory());
    timers.setRemoveOnCancelPolicy(true);
    this.workers = new WorkerPool(parts, this, node, lease, maintenanceInterval, workerCount, timers);
  }

  void start() {
    workers.start();
    // why: at once, not at the first sweep, so a node restarted after a crash resumes its own work right away.
    timers.execute(this::maintain);
    long interval = Math.max(1, maintenanceInterval.toMillis());
    timers.scheduleWithFixedDelay(this::maintain, interval, interval, TimeUnit.MILLISECONDS);
  }

  /** @throws IllegalStateException once the engine is closed */
  void requireOpen() {
    if (closed) {
      throw new IllegalStateException("the engine is closed");
    }
  }

  /** A job was stored ready to run: arm its deadline and wake the workers. */
  void submitted(Job job) {
    job.deadline().ifPresent(deadline -> arm(job.id(), deadline));
    workers.signal();
  }

  /** Whether the workers are running: started, not closed, none dead. */
  boolean workersRunning() {
    return !closed && workers.running();
  }

  /** Work may have been queued by another node: wake the workers. */
  void workArrived() {
    workers.signal();
  }

  /** The store ended the job (all its work done, or stopped): disarm its deadline, schedule its inputs' deletion. */
  void ended(Job job) {
    ScheduledFuture<?> timer = deadlines.remove(job.id());
    if (timer != null) {
      timer.cancel(false);
    }
    job.inputsExpireAt().ifPresent(at -> parts.inputs().deleteAfter(job.id(), at));
    if (job.type() == JobType.STRUCTURED) {
      parts.files().ended(job.id(), job.status() == JobStatus.COMPLETED);
    }
  }

  /** A structured job failed as a whole (one of its batches failed): {@code ERROR} with the reason. */
  void fail(JobId id, String reason) {
    stop(id, current -> current.fail(reason, parts.clock().instant()), true);
  }

  /**
   * Stops a job with {@code transition} (a cancel or a timeout of core's {@link Job}): stores it, drops its pending
   * work and interrupts its running calls. Retries when the job changed meanwhile.
   *
   * @return the stopped job, or empty when {@code skipIfEnded} and the job had already ended
   */
  Optional<Job> stop(JobId id, UnaryOperator<Job> transition, boolean skipIfEnded) {
    Job seen = parts.views().existing(id);
    if (seen.status().isTerminal() && skipIfEnded) {
      return Optional.empty();
    }
    Job stopped;
    try {
      // why: the store applies the transition to the job as it stands, so completions of other nodes cannot make
      // the stop lose a race on the job's version again and again.
      stopped = parts.events().change(id, () -> parts.queue().stop(id, transition), end -> {
        // why: before finished wakes those awaiting the end, so they find its retention already set.
        ended(end);
        parts.events().finished(end);
      });
    } catch (IllegalTransitionException e) {
      if (skipIfEnded) {
        return Optional.empty();
      }
      throw e;
    }
    workers.interrupt(id);
    return Optional.of(stopped);
  }

  /** Times the job out if its deadline has passed by the engine's clock. */
  void timeOutIfDue(JobId id) {
    Instant now = parts.clock().instant();
    Optional<Job> job = parts.jobs().find(id);
    boolean due = job.flatMap(Job::deadline).filter(deadline -> !now.isBefore(deadline)).isPresent();
    if (due && !job.get().status().isTerminal()) {
      stop(id, current -> current.timeOut(now), true);
    }
  }

  /**
   * Runs the sweeps now: the first time, the hand-back of the leases a former life of this node left (a process
   * killed under the same node name); then lease renewal and recovery, overdue jobs, expired inputs.
   */
  void runMaintenance() {
    Instant now = parts.clock().instant();
    if (!formerLeasesHandedBack) {
      int handedBack = parts.queue().handBackFormerLeases(node, now);
      formerLeasesHandedBack = true;
      if (handedBack > 0) {
        LOG.info("took back {} items that an earlier process of node {} left running", handedBack, node);
        workers.signal();
      }
    }
    parts.queue().renew(node, now, lease);
    if (parts.queue().recoverExpired(now) > 0) {
      workers.signal();
    }
    for (Job job : parts.jobs().overdue(now, OVERDUE_BATCH)) {
      stop(job.id(), current -> current.timeOut(now), true);
    }
    parts.inputs().deleteExpired(now);
  }

  /** Stops taking work, hands running work back, and ends the threads; waits up to {@code wait} for the workers. */
  void close(Duration wait) {
    closed = true;
    try {
      workers.close(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // why: waiting timers are dropped, but a task that runs (maintenance, a deadline) ends its store calls: an
    // interrupt aborts a JDBC call half-way, logs a failure, and on H2 closes the database file.
    timers.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    timers.shutdown();
    try {
      if (!timers.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("the deadline and maintenance thread did not stop within {}; interrupting it", wait);
        timers.shutdownNow();
      }
    } catch (InterruptedException e) {
      timers.shutdownNow();
      Thread.currentThread().interrupt();
    }
    deadlines.clear();
  }

  /** How many deadline timers are armed. */
  int armedDeadlines() {
    return deadlines.size();
  }

  private void arm(JobId id, Instant deadline) {
    long delay = Math.max(0, Duration.between(parts.clock().instant(), deadline).toMillis());
    ScheduledFuture<?> timer;
    try {
      timer = timers.schedule(() -> onDeadline(id, deadline, delay), delay, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      LOG.debug("engine closing; job {} is not timed", id);
      return;
    }
    deadlines.put(id, timer);
    // why: the job was claimable before this timer was put, so it may have ended, and ended() found nothing to
    // disarm; such a timer would stay until the deadline. The store shows the end before ended() runs.
    if (parts.jobs().find(id).map(job -> job.status().isTerminal()).orElse(true) && deadlines.remove(id, timer)) {
      timer.cancel(false);
    }
  }

  private void onDeadline(JobId id, Instant deadline, long previousDelay) {
    deadlines.remove(id);
    try {
      long left = Duration.between(parts.clock().instant(), deadline).toMillis();
      if (left <= 0) {
        timeOutIfDue(id);
      } else if (left < previousDelay) {
        // why: the engine's clock runs slower than the timer's; wait for the rest. A clock that does not move
        // (tests) leaves the job to the maintenance sweep.
        arm(id, deadline);
      }
    } catch (RuntimeException e) {
      LOG.error("timing out job {} failed", id, e);
    }
  }

  // why: on the timers' platform thread, not a virtual one: the sweep may block on a store, and on Java 21 a
  // virtual thread waiting in a monitor would hold its carrier.
  private void maintain() {
    if (closed) {
      return;
    }
    try {
      runMaintenance();
    } catch (RuntimeException e) {
      LOG.error("maintenance sweep failed; it runs again in {}", maintenanceInterval, e);
    }
  }
}
