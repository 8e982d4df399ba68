package dev.modelrun.core.port.in;

import dev.modelrun.core.model.CallerIdentity;
import dev.modelrun.core.model.InvalidInputException;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.model.JobNotFoundException;

/** Renames a job; nothing else changes, billing included. */
public interface RenameJobUseCase {
  /**
   * @throws JobNotFoundException when the caller cannot see the job
   * @throws InvalidInputException when the name is not 1 to 256 characters
   */
  JobView rename(CallerIdentity caller, JobId id, String name);
}
