package dev.modelrun.core.model;

import static java.util.Objects.requireNonNull;

/** No job with this id is visible to the caller (it does not exist, or belongs to another key). */
public class JobNotFoundException extends ModelrunException {
  private final JobId jobId;

  public JobNotFoundException(JobId jobId) {
    super("job " + requireNonNull(jobId, "jobId").value() + " not found");
    this.jobId = jobId;
  }

  public JobId jobId() {
    return jobId;
  }
}
