package dev.modelrun.core.port.in;

import dev.modelrun.core.model.CallerIdentity;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.model.JobNotFoundException;

/** Reads one job. */
public interface GetJobUseCase {
  /** @throws JobNotFoundException when no such job exists or it belongs to another key */
  JobView get(CallerIdentity caller, JobId id);
}
