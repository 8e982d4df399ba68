package dev.modelrun.core.model;

import static java.util.Objects.requireNonNull;

/** A conditional update found the stored job at another version than expected: someone else changed it first. */
public class ConcurrentUpdateException extends ModelrunException {
  private final JobId jobId;
  private final long expectedVersion;

  public ConcurrentUpdateException(JobId jobId, long expectedVersion) {
    super("job " + requireNonNull(jobId, "jobId").value() + " was changed concurrently (expected version " + expectedVersion + ")");
    this.jobId = jobId;
    this.expectedVersion = expectedVersion;
  }

  public JobId jobId() {
    return jobId;
  }

  public long expectedVersion() {
    return expectedVersion;
  }
}
