package dev.modelrun.benchmarks;

import org.jobrunr.jobs.lambdas.JobRequest;

/** JobRunr's job of the benchmark: an item number, run by {@link NoOpJobHandler}. Public for JobRunr's JSON mapper. */
public final class NoOpJobRequest implements JobRequest {
  // why: each job carries its item's number in its stored JSON, as each db-scheduler task and ModelRun item is named.
  private int item;

  /** For JobRunr's JSON mapper. */
  public NoOpJobRequest() {}

  NoOpJobRequest(int item) {
    this.item = item;
  }

  @Override
  public Class<NoOpJobHandler> getJobRequestHandler() {
    return NoOpJobHandler.class;
  }
}
