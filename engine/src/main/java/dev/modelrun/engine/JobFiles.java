package dev.modelrun.engine;

import dev.modelrun.core.model.JobId;
import dev.modelrun.core.port.out.FileStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The files of structured jobs in the engine's {@link FileStore}: the plan, the records, one output part per batch
 * and, once a link to it was asked of a store that links to its files itself, the whole output; with the plans of
 * running jobs cached, since every batch needs its job's, and dropped when the job ends.
 */
final class JobFiles {
  static final String PLAN = "plan";
  static final String RECORDS = "records";
  /** The output joined into one file, for stores that link to their files themselves. */
  static final String OUTPUT = "output";

  private final FileStore store;
  private final Map<JobId, StructuredPlan> plans = new ConcurrentHashMap<>();

  JobFiles(FileStore store) {
    this.store = store;
  }

  static String part(int index) {
    return "part-" + index;
  }

  FileStore store() {
    return store;
  }

  /** The plan of a running job, as stored at submit; cached until the job ends. */
  StructuredPlan plan(JobId job) {
    StructuredPlan cached = plans.get(job);
    if (cached != null) {
      return cached;
    }
    StructuredPlan plan = storedPlan(job);
    plans.put(job, plan);
    return plan;
  }

  /**
   * The plan of a job read from the store, not cached: for a job that has ended, whose cache entry is gone for good
   * (caching it again would keep one entry per downloaded output for the life of the node).
   */
  StructuredPlan storedPlan(JobId job) {
    try (InputStream in = store.open(job, PLAN)
        .orElseThrow(() -> new IllegalStateException("job " + job + " has no plan file")).openStream()) {
      return StructuredPlan.readFrom(in);
    } catch (IOException e) {
      throw new UncheckedIOException("reading the plan of job " + job + " failed", e);
    }
  }

  /**
   * A structured job ended: the records are no longer needed; a job without output (failed, canceled, timed out)
   * keeps nothing.
   */
  void ended(JobId job, boolean keepOutput) {
    plans.remove(job);
    if (keepOutput) {
      store.delete(job, RECORDS);
    } else {
      store.deleteAll(job);
    }
  }
}
