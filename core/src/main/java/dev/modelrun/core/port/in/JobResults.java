package dev.modelrun.core.port.in;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableMap;
import dev.modelrun.core.model.ItemFailure;
import dev.modelrun.core.model.ItemSuccess;
import dev.modelrun.core.model.Job;
import java.time.Duration;
import java.util.Map;

/** The results of a job at one moment: its job, then every finished item as a success or a failure, by name. */
public record JobResults(Job job, Duration elapsedTime, Map<String, ItemSuccess> results,
    Map<String, ItemFailure> failures) {
  public JobResults {
    requireNonNull(job, "job");
    requireNonNull(elapsedTime, "elapsedTime");
    results = ImmutableMap.copyOf(results);
    failures = ImmutableMap.copyOf(failures);
  }

  /** True once the job has ended: nothing will move any more. */
  public boolean finished() {
    return job.status().isTerminal();
  }
}
