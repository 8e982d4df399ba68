package dev.modelrun.benchmarks;

import org.jobrunr.jobs.lambdas.JobRequestHandler;

/** Runs a {@link NoOpJobRequest}: counts it and returns. Public because JobRunr resolves it by class name. */
public final class NoOpJobHandler implements JobRequestHandler<NoOpJobRequest> {
  private final RunMarks marks;

  NoOpJobHandler(RunMarks marks) {
    this.marks = marks;
  }

  @Override
  public void run(NoOpJobRequest request) {
    marks.executed();
  }
}
