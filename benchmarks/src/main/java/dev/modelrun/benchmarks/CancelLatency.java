package dev.modelrun.benchmarks;

import dev.modelrun.adapters.jdbc.JdbcConfig;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.model.JobStatus;
import dev.modelrun.core.port.in.JobView;
import dev.modelrun.engine.ModelRunEngine;
import java.time.Duration;

/**
 * Cancel latency of ModelRun: a job of items that take {@code modelNanos} each runs on one or three nodes; once a
 * tenth is done, node 0 cancels it. Measured: how long the cancel takes to return the job {@code CANCELED}, and when
 * the last model call started (on any node) relative to the cancel, after 2 s without a call.
 */
final class CancelLatency {
  private static final Duration QUIET = Duration.ofSeconds(2);

  private CancelLatency() {}

  /** One cancel: its duration, the start of the last call after it (0 if none), and how many calls followed it. */
  record Result(String store, int nodes, long modelNanos, int items, long completedAtCancel, double cancelMillis,
      double lastCallMillis, long callsAfter) {}

  static Result run(String store, JdbcConfig config, int nodes, int items, int workers, long modelNanos)
      throws InterruptedException {
    CallLog log = new CallLog();
    try (ModelRunCluster cluster = new ModelRunCluster(config, workers, builder -> {})) {
      for (int node = 0; node < nodes; node++) {
        cluster.start(new RecordingModel(node, log, modelNanos));
      }
      ModelRunEngine engine = cluster.node(0).engine();
      JobId id = engine.submit(BenchModels.job(0, items)).job().job().id();
      Polling.until("a tenth of the items done", () -> completed(engine, id) >= items / 10, Duration.ofMillis(2),
          Duration.ofMinutes(5));
      long completedAtCancel = completed(engine, id);
      long cancelAt = System.nanoTime();
      JobView canceled = engine.cancel(BenchModels.CALLER, id);
      long returnedAt = System.nanoTime();
      if (canceled.job().status() != JobStatus.CANCELED) {
        throw new IllegalStateException("the cancel left the job " + canceled.job().status());
      }
      int seen = -1;
      long quietSince = System.nanoTime();
      long deadline = quietSince + Duration.ofMinutes(1).toNanos();
      while (System.nanoTime() - quietSince < QUIET.toNanos() && System.nanoTime() < deadline) {
        Thread.sleep(50);
        if (log.size() != seen) {
          seen = log.size();
          quietSince = System.nanoTime();
        }
      }
      long last = log.calls().stream().mapToLong(CallLog.Call::at).max().orElse(cancelAt);
      long after = log.calls().stream().filter(call -> call.at() > returnedAt).count();
      return new Result(store, nodes, modelNanos, items, completedAtCancel, (returnedAt - cancelAt) / 1e6,
          Math.max(0, last - cancelAt) / 1e6, after);
    }
  }

  private static long completed(ModelRunEngine engine, JobId id) {
    return engine.get(BenchModels.CALLER, id).job().counters().completed();
  }
}
