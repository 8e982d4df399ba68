package dev.modelrun.engine;

import dev.modelrun.core.model.CallerIdentity;
import dev.modelrun.core.model.ConcurrentUpdateException;
import dev.modelrun.core.model.Job;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.port.in.JobView;
import dev.modelrun.core.port.in.RenameJobUseCase;

/** Renames a caller's job, retrying when its work moved the job meanwhile. */
final class RenameJobService implements RenameJobUseCase {
  private final EngineParts parts;

  RenameJobService(EngineParts parts) {
    this.parts = parts;
  }

  @Override
  public JobView rename(CallerIdentity caller, JobId id, String name) {
    while (true) {
      Job renamed = parts.views().visible(caller, id).rename(name, parts.clock().instant());
      try {
        parts.jobs().update(renamed);
        return parts.views().view(renamed);
      } catch (ConcurrentUpdateException e) {
        // why: a claim or completion moved the job's counters since we read it; read it again.
      }
    }
  }
}
