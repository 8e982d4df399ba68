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
 * running jobs cached, since every batch needs its job's.
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

  /** The plan of a job, as stored at submit. */
  StructuredPlan plan(JobId job) {
    StructuredPlan cached = plans.get(job);
    if (cached != null) {
      return cached;
    }
    try (InputStream in = store.open(job, PLAN)
        .orElseThrow(() -> new IllegalStateException("job " + job + " has no plan file")).openStream()) {
      StructuredPlan plan = StructuredPlan.readFrom(in);
      plans.put(job, plan);
      return plan;
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
