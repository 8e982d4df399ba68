package dev.modelrun.core.port.in;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;

/** One page of a job listing, with the number of jobs that matched in all. */
public record JobPage(List<JobView> jobs, long totalCount, int page, int perPage) {
  public JobPage {
    jobs = List.copyOf(jobs);
    checkArgument(totalCount >= 0, "totalCount must be >= 0");
    checkArgument(page >= 1, "page must be >= 1");
    checkArgument(perPage >= 1, "perPage must be >= 1");
  }

  public boolean hasNext() {
    return (long) page * perPage < totalCount;
  }

  public boolean hasPrevious() {
    return page > 1;
  }
}
