package dev.modelrun.core.port.in;

import dev.modelrun.core.model.CallerIdentity;
import dev.modelrun.core.model.IllegalTransitionException;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.model.JobNotFoundException;

/** Cancels a job that has not finished: its pending work is dropped and its running model calls interrupted. */
public interface CancelJobUseCase {
  /**
   * @return the {@code CANCELED} job
   * @throws JobNotFoundException when the caller cannot see the job
   * @throws IllegalTransitionException when the job has already finished
   */
  JobView cancel(CallerIdentity caller, JobId id);
}
