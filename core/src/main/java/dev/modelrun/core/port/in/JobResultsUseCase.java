package dev.modelrun.core.port.in;

import dev.modelrun.core.model.CallerIdentity;
import dev.modelrun.core.model.ItemResult;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.model.JobNotFoundException;
import dev.modelrun.core.model.NotFoundException;

/** Reads the per-item results of a job: partial while it runs, final once it has ended. */
public interface JobResultsUseCase {
  /** @throws JobNotFoundException when the caller cannot see the job */
  JobResults results(CallerIdentity caller, JobId id);

  /**
   * @throws JobNotFoundException when the caller cannot see the job
   * @throws NotFoundException when the job has no such item, or the item has no result yet
   */
  ItemResult itemResult(CallerIdentity caller, JobId id, String item);
}
