package dev.modelrun.engine;

import dev.modelrun.core.model.ItemFailure;
import dev.modelrun.core.model.ItemResult;
import dev.modelrun.core.model.ItemSuccess;
import dev.modelrun.core.model.Job;
import dev.modelrun.core.model.ModelRef;
import dev.modelrun.core.port.out.WorkQueue;
import dev.modelrun.core.port.out.WorkQueue.Backlog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine's meters: jobs submitted and finished by model and status, items done by model and outcome, model call
 * latency, and the queue's backlog (waiting items and the age of the oldest waiting job). Hears the jobs as a
 * {@link JobListener}; meters are made once per model and status and then only counted.
 */
final class EngineMetrics implements JobListener {
  // why: a scrape reads both queue gauges; one store query serves them.
  private static final Duration BACKLOG_FRESHNESS = Duration.ofSeconds(1);

  private final MeterRegistry registry;
  private final Map<ModelRef, PerModel> models = new ConcurrentHashMap<>();
  private final Map<String, Counter> finished = new ConcurrentHashMap<>();
  private final WorkQueue queue;
  private final Clock clock;
  private volatile Backlog backlog = Backlog.EMPTY;
  private volatile long backlogReadAt = System.nanoTime() - 2 * BACKLOG_FRESHNESS.toNanos();

  EngineMetrics(MeterRegistry registry, WorkQueue queue, Clock clock, int workers) {
    this.registry = registry;
    this.queue = queue;
    this.clock = clock;
    Gauge.builder("modelrun.queue.items", this, metrics -> metrics.backlog().queuedItems())
        .description("items of work waiting to be claimed, across the nodes sharing the store").register(registry);
    Gauge.builder("modelrun.queue.oldest.age", this, EngineMetrics::oldestAgeSeconds).baseUnit("seconds")
        .description("how long the oldest job with waiting work has been submitted").register(registry);
    Gauge.builder("modelrun.workers", () -> workers).description("workers of this node").register(registry);
  }

  /** Times the claims and completions of {@code queue}. */
  WorkQueue timed(WorkQueue queue) {
    return new TimedWorkQueue(queue, registry);
  }

  @Override
  public void submitted(Job job) {
    of(job.model()).submitted.increment();
  }

  @Override
  public void itemDone(Job job, ItemResult result) {
    PerModel model = of(job.model());
    switch (result) {
      case ItemSuccess success -> {
        model.succeeded.increment();
        model.latency.record(success.modelLatency());
      }
      case ItemFailure failure -> model.failed.increment();
    }
  }

  @Override
  public void finished(Job job) {
    finished.computeIfAbsent(job.model() + " " + job.status(), key -> Counter.builder("modelrun.jobs.finished")
        .description("jobs that ended, by model and final status")
        .tag("model", job.model().toString()).tag("status", job.status().name()).register(registry)).increment();
  }

  private PerModel of(ModelRef model) {
    return models.computeIfAbsent(model, ref -> new PerModel(registry, ref.toString()));
  }

  private Backlog backlog() {
    long now = System.nanoTime();
    if (now - backlogReadAt > BACKLOG_FRESHNESS.toNanos()) {
      backlog = queue.backlog();
      backlogReadAt = now;
    }
    return backlog;
  }

  private double oldestAgeSeconds() {
    return backlog().oldestSubmittedAt()
        .map(oldest -> Math.max(0, Duration.between(oldest, clock.instant()).toMillis() / 1000.0)).orElse(0.0);
  }

  private static final class PerModel {
    final Counter submitted;
    final Counter succeeded;
    final Counter failed;
    final Timer latency;

    PerModel(MeterRegistry registry, String model) {
      submitted = Counter.builder("modelrun.jobs.submitted").description("jobs submitted, by model")
          .tag("model", model).register(registry);
      succeeded = Counter.builder("modelrun.items").description("items (or record batches) done, by outcome")
          .tag("model", model).tag("outcome", "succeeded").register(registry);
      failed = Counter.builder("modelrun.items").description("items (or record batches) done, by outcome")
          .tag("model", model).tag("outcome", "failed").register(registry);
      latency = Timer.builder("modelrun.model.latency").description("model call time per item or record batch")
          .tag("model", model).publishPercentileHistogram().register(registry);
    }
  }
}
