package dev.modelrun.core.port.in;

import dev.modelrun.core.model.CallerIdentity;
import dev.modelrun.core.model.JobQuery;

/** Lists the caller's own jobs, filtered, sorted and paged. */
public interface JobHistoryUseCase {
  JobPage history(CallerIdentity caller, JobQuery query);
}
