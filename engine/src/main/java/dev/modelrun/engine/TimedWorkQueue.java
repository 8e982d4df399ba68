package dev.modelrun.engine;

import dev.modelrun.core.model.Job;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.model.ModelRef;
import dev.modelrun.core.port.out.WorkQueue;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/** A work queue whose claims (by whether they found work) and completions are timed. */
final class TimedWorkQueue implements WorkQueue {
  private final WorkQueue queue;
  private final Timer claimed;
  private final Timer empty;
  private final Timer completed;

  TimedWorkQueue(WorkQueue queue, MeterRegistry registry) {
    this.queue = queue;
    this.claimed = claimTimer(registry, "claimed");
    this.empty = claimTimer(registry, "empty");
    this.completed = Timer.builder("modelrun.store.complete").description("time to complete a batch in the store")
        .publishPercentileHistogram().register(registry);
  }

  private static Timer claimTimer(MeterRegistry registry, String result) {
    return Timer.builder("modelrun.store.claim").description("time to claim a batch of work from the store")
        .tag("result", result).publishPercentileHistogram().register(registry);
  }

  @Override
  public Optional<Claim> claim(String owner, Map<ModelRef, Integer> batchSizes, Instant now, Duration lease) {
    long began = System.nanoTime();
    Optional<Claim> claim = queue.claim(owner, batchSizes, now, lease);
    (claim.isPresent() ? claimed : empty).record(System.nanoTime() - began, TimeUnit.NANOSECONDS);
    return claim;
  }

  @Override
  public Completion complete(String owner, JobId job, List<Outcome> outcomes, Instant now) {
    long began = System.nanoTime();
    try {
      return queue.complete(owner, job, outcomes, now);
    } finally {
      completed.record(System.nanoTime() - began, TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public void enqueue(Job submitted, List<String> items) {
    queue.enqueue(submitted, items);
  }

  @Override
  public void stop(Job stopped) {
    queue.stop(stopped);
  }

  @Override
  public Job stop(JobId id, UnaryOperator<Job> transition) {
    return queue.stop(id, transition);
  }

  @Override
  public int renew(String owner, Instant now, Duration lease) {
    return queue.renew(owner, now, lease);
  }

  @Override
  public int recoverExpired(Instant now) {
    return queue.recoverExpired(now);
  }

  @Override
  public int handBackFormerLeases(String owner, Instant now) {
    return queue.handBackFormerLeases(owner, now);
  }

  @Override
  public Backlog backlog() {
    return queue.backlog();
  }
}
