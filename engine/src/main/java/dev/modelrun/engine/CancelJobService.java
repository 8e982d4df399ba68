package dev.modelrun.engine;

import dev.modelrun.core.model.CallerIdentity;
import dev.modelrun.core.model.Job;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.port.in.CancelJobUseCase;
import dev.modelrun.core.port.in.JobView;

/** Cancels a caller's unfinished job: pending work dropped, running calls interrupted, the job {@code CANCELED}. */
final class CancelJobService implements CancelJobUseCase {
  private final EngineParts parts;
  private final JobLifecycle lifecycle;

  CancelJobService(EngineParts parts, JobLifecycle lifecycle) {
    this.parts = parts;
    this.lifecycle = lifecycle;
  }

  @Override
  public JobView cancel(CallerIdentity caller, JobId id) {
    parts.views().visible(caller, id);
    Job canceled = lifecycle.stop(id, job -> job.cancel(parts.clock().instant()), false).orElseThrow();
    return parts.views().view(canceled);
  }
}
