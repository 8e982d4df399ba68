package dev.modelrun.engine;

import dev.modelrun.core.model.CallerIdentity;
import dev.modelrun.core.model.JobQuery;
import dev.modelrun.core.port.in.JobHistoryUseCase;
import dev.modelrun.core.port.in.JobPage;
import dev.modelrun.core.port.out.JobStore;

/** Lists a caller's own jobs. */
final class JobHistoryService implements JobHistoryUseCase {
  private final EngineParts parts;

  JobHistoryService(EngineParts parts) {
    this.parts = parts;
  }

  @Override
  public JobPage history(CallerIdentity caller, JobQuery query) {
    JobStore.Page page = parts.jobs().history(caller, query);
    return new JobPage(page.jobs().stream().map(parts.views()::view).toList(), page.totalCount(), query.page(),
        query.perPage());
  }
}
