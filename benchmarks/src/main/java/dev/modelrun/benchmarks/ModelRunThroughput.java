package dev.modelrun.benchmarks;

import dev.modelrun.adapters.jdbc.JdbcConfig;
import dev.modelrun.core.model.Job;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.model.JobStatus;
import dev.modelrun.engine.ModelRunEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * ModelRun's no-op items through submit → completed on the JDBC stores, with the engine's default lease and sweeps:
 * one job of all the items, or many jobs of a few items each, submitted round robin to the nodes.
 */
final class ModelRunThroughput {
  // why: a job whose items stopped running for this long will not end by itself (its work is stranded).
  private static final Duration STALL = Duration.ofSeconds(30);

  private ModelRunThroughput() {}

  static Throughput run(String store, JdbcConfig config, int nodes, int items, int itemsPerJob, int workers)
      throws InterruptedException {
    RunMarks marks = new RunMarks();
    try (ModelRunCluster cluster = new ModelRunCluster(config, workers, builder -> {})) {
      for (int node = 0; node < nodes; node++) {
        cluster.start(new NoOpModel(marks));
      }
      long start = System.nanoTime();
      List<JobId> jobs = new ArrayList<>();
      for (int first = 0; first < items; first += itemsPerJob) {
        ModelRunEngine engine = cluster.node(jobs.size() % nodes).engine();
        jobs.add(engine.submit(BenchModels.job(first, Math.min(itemsPerJob, items - first))).job().job().id());
      }
      long submitted = System.nanoTime();
      long completed = 0;
      for (JobId id : jobs) {
        Job done = awaitEnd(cluster.node(0).engine(), id, marks);
        if (done.status() != JobStatus.COMPLETED) {
          throw new IllegalStateException("job " + id + " ended " + done.status() + " " + done.counters());
        }
        completed += done.counters().completed();
      }
      long end = System.nanoTime();
      if (completed != items) {
        throw new IllegalStateException(completed + " items completed of " + items);
      }
      marks.reportIfNotOnce("ModelRun", items);
      String shape = jobs.size() == 1 ? "1 job × " + items : jobs.size() + " jobs × " + itemsPerJob;
      return Throughput.of("ModelRun", store, nodes, shape, items, start, submitted, marks.firstAt(), end);
    }
  }

  /** Waits for a job to end; fails when no item of the run has been called for {@link #STALL} meanwhile. */
  private static Job awaitEnd(ModelRunEngine engine, JobId id, RunMarks marks) throws InterruptedException {
    long calls = marks.executions();
    long progressAt = System.nanoTime();
    while (true) {
      Job job = engine.await(id, Duration.ofSeconds(1));
      if (job.status().isTerminal()) {
        return job;
      }
      if (marks.executions() != calls) {
        calls = marks.executions();
        progressAt = System.nanoTime();
      } else if (System.nanoTime() - progressAt > STALL.toNanos()) {
        throw new IllegalStateException("job " + id + " is stuck " + job.status() + " " + job.counters()
            + ": no item of the run was called for " + STALL);
      }
    }
  }
}
