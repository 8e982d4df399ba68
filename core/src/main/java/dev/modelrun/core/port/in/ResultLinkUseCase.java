package dev.modelrun.core.port.in;

import dev.modelrun.core.model.CallerIdentity;
import dev.modelrun.core.model.ConflictException;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.model.JobNotFoundException;
import java.net.URI;

/** Gives a time-limited link to download a finished job's output file. */
public interface ResultLinkUseCase {
  /**
   * @throws JobNotFoundException when the caller cannot see the job
   * @throws ConflictException while the job has not finished
   */
  URI resultLink(CallerIdentity caller, JobId id);
}
