package dev.modelrun.core.port.in;

import dev.modelrun.core.model.CallerIdentity;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.model.JobNotFoundException;
import java.time.Duration;

/** Waits for a job to end. */
public interface AwaitJobUseCase {
  /**
   * Blocks until the job is terminal or {@code timeout} has passed, whichever comes first.
   *
   * @return the job as it stands then (terminal, unless the wait ran out)
   * @throws JobNotFoundException when the caller cannot see the job
   */
  JobView await(CallerIdentity caller, JobId id, Duration timeout) throws InterruptedException;
}
