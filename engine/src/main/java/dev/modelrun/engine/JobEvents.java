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
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Orders the events of each job for the listener and wakes those awaiting its end. A store change to a job and the
 * events it causes run under the job's own lock here, so events come in the order of the store's changes. Callers
 * announce only changes the store accepted, so {@code finished} comes once: only one change ends a job.
 */
final class JobEvents {
  private static final Logger LOG = LoggerFactory.getLogger(JobEvents.class);

  private final JobListener listener;
  private final Map<JobId, PerJob> jobs = new ConcurrentHashMap<>();

  JobEvents(JobListener listener) {
    this.listener = listener;
  }

  /** Runs {@code change} (a store change to the job) and then {@code announce} of its result, under the job's lock. */
  <T> T change(JobId id, Supplier<T> change, Consumer<T> announce) {
    PerJob perJob = jobs.computeIfAbsent(id, key -> new PerJob());
    // why: a ReentrantLock, not synchronized: on Java 21 a virtual thread blocked on a monitor pins its carrier.
    perJob.lock.lock();
    try {
      T result = change.get();
      announce.accept(result);
      return result;
    } finally {
      if (perJob.finished || !perJob.followed) {
        jobs.remove(id, perJob);
      }
      perJob.lock.unlock();
    }
  }

  /** Inside {@link #change}: an open (chunked) job was stored; the listener hears of it when it is submitted. */
  void opened(Job job) {
    follow(job.id());
  }

  /** Inside {@link #change}: the job was stored ready to run. */
  void submitted(Job job) {
    PerJob perJob = follow(job.id());
    safely(() -> listener.submitted(job));
    perJob.followed = true;
  }

  /** Inside {@link #change}: work of the job ran. */
  void started(Job job) {
    PerJob perJob = follow(job.id());
    if (!perJob.started && !perJob.finished) {
      perJob.started = true;
      safely(() -> listener.started(job));
    }
  }

  /** Inside {@link #change}: the store accepted the end of these items; the job stands as {@code job} after them. */
  void itemsDone(Job job, List<ItemResult> results) {
    started(job);
    for (ItemResult result : results) {
      safely(() -> listener.itemDone(job, result));
    }
    if (job.status().isTerminal()) {
      finished(job);
    }
  }

  /** Inside {@link #change}: the store accepted the change that ended the job. */
  void finished(Job job) {
    PerJob perJob = follow(job.id());
    if (!perJob.finished) {
      perJob.finished = true;
      safely(() -> listener.finished(job));
      perJob.end.complete(job);
    }
  }

  /** Completes when the job ends through this engine; empty when the job is not followed here. */
  Optional<CompletableFuture<Job>> ending(JobId id) {
    return Optional.ofNullable(jobs.get(id)).map(perJob -> perJob.end);
  }

  private PerJob follow(JobId id) {
    PerJob perJob = jobs.computeIfAbsent(id, key -> new PerJob());
    perJob.followed = true;
    return perJob;
  }

  private static void safely(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      LOG.warn("a job listener threw; ignored", e);
    }
  }

  private static final class PerJob {
    final ReentrantLock lock = new ReentrantLock();
    final CompletableFuture<Job> end = new CompletableFuture<>();
    boolean followed;
    boolean started;
    boolean finished;
  }
}
