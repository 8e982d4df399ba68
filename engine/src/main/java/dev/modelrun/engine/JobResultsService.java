package dev.modelrun.engine;

import dev.modelrun.core.model.CallerIdentity;
import dev.modelrun.core.model.ItemFailure;
import dev.modelrun.core.model.ItemResult;
import dev.modelrun.core.model.ItemSuccess;
import dev.modelrun.core.model.Job;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.model.NotFoundException;
import dev.modelrun.core.port.in.JobResults;
import dev.modelrun.core.port.in.JobResultsUseCase;
import java.util.HashMap;
import java.util.Map;

/** Reads the per-item results of a caller's job. */
final class JobResultsService implements JobResultsUseCase {
  private final EngineParts parts;

  JobResultsService(EngineParts parts) {
    this.parts = parts;
  }

  @Override
  public JobResults results(CallerIdentity caller, JobId id) {
    // why: the job is read before its results; results are saved before the completion that ends a job, so a
    // finished job always shows all of them.
    Job job = parts.views().visible(caller, id);
    Map<String, ItemSuccess> successes = new HashMap<>();
    Map<String, ItemFailure> failures = new HashMap<>();
    for (ItemResult result : parts.results().results(id)) {
      switch (result) {
        case ItemSuccess success -> successes.put(success.item(), success);
        case ItemFailure failure -> failures.put(failure.item(), failure);
      }
    }
    return new JobResults(job, job.elapsedTime(parts.clock().instant()), successes, failures);
  }

  @Override
  public ItemResult itemResult(CallerIdentity caller, JobId id, String item) {
    parts.views().visible(caller, id);
    return parts.results().result(id, item).orElseThrow(() -> new NotFoundException(
        parts.jobs().itemNames(id).contains(item)
            ? "item '" + item + "' of job " + id + " has no result yet"
            : "job " + id + " has no item '" + item + "'"));
  }
}
