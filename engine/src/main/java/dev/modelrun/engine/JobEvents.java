package dev.modelrun.engine;

import dev.modelrun.core.model.ItemResult;
import dev.modelrun.core.model.Job;
import dev.modelrun.core.model.JobId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Orders the events of each job for the listener and wakes those awaiting its end. A store change to a job and the
 * events it causes run under the job's own lock here, so events come in the order of the store's changes. Callers
 * announce only changes the store accepted, so {@code finished} comes once: only one change ends a job.
 *
 * <p>Workers of one job may prepare their changes (save their results) side by side; only their changes themselves
 * take turns. Any other change waits until no preparation is under way, so it never comes between a worker's
 * preparation and its change.
 */
final class JobEvents {
  private static final Logger LOG = LoggerFactory.getLogger(JobEvents.class);

  private final List<JobListener> listeners;
  private final Map<JobId, PerJob> jobs = new ConcurrentHashMap<>();

  JobEvents(List<JobListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  /** Runs {@code change} (a store change to the job) and then {@code announce} of its result, alone for the job. */
  <T> T change(JobId id, Supplier<T> change, Consumer<T> announce) {
    PerJob perJob = enter(id);
    // why: ReentrantLocks, not synchronized: on Java 21 a virtual thread blocked on a monitor pins its carrier.
    perJob.gate.writeLock().lock();
    try {
      T result = change.get();
      announce.accept(result);
      return result;
    } finally {
      perJob.gate.writeLock().unlock();
      leave(id, perJob);
    }
  }

  /**
   * Runs {@code prepare} beside the other preparations of the job, then {@code change} of what it gave and
   * {@code announce} of the result in turn with them; no {@link #change} comes in between.
   */
  <P, T> T prepareThenChange(JobId id, Supplier<P> prepare, Function<P, T> change, Consumer<T> announce) {
    PerJob perJob = enter(id);
    perJob.gate.readLock().lock();
    try {
      P prepared = prepare.get();
      perJob.turn.lock();
      try {
        T result = change.apply(prepared);
        announce.accept(result);
        return result;
      } finally {
        perJob.turn.unlock();
      }
    } finally {
      perJob.gate.readLock().unlock();
      leave(id, perJob);
    }
  }

  /** Inside a change: an open (chunked) job was stored; the listener hears of it when it is submitted. */
  void opened(Job job) {
    follow(job.id());
  }

  /** Inside a change: the job was stored ready to run. */
  void submitted(Job job) {
    PerJob perJob = follow(job.id());
    tell(listener -> listener.submitted(job));
    perJob.followed = true;
  }

  /** Inside a change: work of the job ran. */
  void started(Job job) {
    PerJob perJob = follow(job.id());
    if (!perJob.started && !perJob.finished) {
      perJob.started = true;
      tell(listener -> listener.started(job));
    }
  }

  /** Inside a change: the store accepted the end of these items; the job stands as {@code job} after them. */
  void itemsDone(Job job, List<ItemResult> results) {
    started(job);
    for (ItemResult result : results) {
      tell(listener -> listener.itemDone(job, result));
    }
    if (job.status().isTerminal()) {
      finished(job);
    }
  }

  /** Inside a change: the store accepted the change that ended the job. */
  void finished(Job job) {
    PerJob perJob = follow(job.id());
    if (!perJob.finished) {
      perJob.finished = true;
      tell(listener -> listener.finished(job));
      perJob.end.complete(job);
    }
  }

  /** Completes when the job ends through this engine; empty when the job is not followed here. */
  Optional<CompletableFuture<Job>> ending(JobId id) {
    return Optional.ofNullable(jobs.get(id)).map(perJob -> perJob.end);
  }

  // why: counted, so a job's locks stay the same object while anyone holds or waits for them; a job that is not
  // followed here (or has finished) is forgotten when its last user leaves.
  private PerJob enter(JobId id) {
    return jobs.compute(id, (key, perJob) -> {
      PerJob entered = perJob == null ? new PerJob() : perJob;
      entered.users++;
      return entered;
    });
  }

  private void leave(JobId id, PerJob perJob) {
    jobs.computeIfPresent(id, (key, current) -> {
      if (current != perJob) {
        return current;
      }
      current.users--;
      return current.users == 0 && (current.finished || !current.followed) ? null : current;
    });
  }

  private PerJob follow(JobId id) {
    PerJob perJob = jobs.computeIfAbsent(id, key -> new PerJob());
    perJob.followed = true;
    return perJob;
  }

  private void tell(Consumer<JobListener> call) {
    for (JobListener listener : listeners) {
      try {
        call.accept(listener);
      } catch (RuntimeException e) {
        LOG.warn("a job listener threw; ignored", e);
      }
    }
  }

  private static final class PerJob {
    // why: preparations share the gate; a change takes it alone. Prepared changes take turns on the turn lock.
    final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    final ReentrantLock turn = new ReentrantLock();
    final CompletableFuture<Job> end = new CompletableFuture<>();
    // why: counted and read only inside the map's compute, which orders it.
    int users;
    volatile boolean followed;
    volatile boolean started;
    volatile boolean finished;
  }
}
