package dev.modelrun.core.model;

import static java.util.Objects.requireNonNull;

/** A job was asked to move to a status its current status does not allow (for example cancel of a finished job). */
public class IllegalTransitionException extends ModelrunException {
  private final JobId jobId;
  private final JobStatus from;
  private final JobStatus to;

  public IllegalTransitionException(JobId jobId, JobStatus from, JobStatus to) {
    super("job " + requireNonNull(jobId, "jobId").value() + " cannot move from " + from + " to " + to);
    this.jobId = jobId;
    this.from = requireNonNull(from, "from");
    this.to = requireNonNull(to, "to");
  }

  public JobId jobId() {
    return jobId;
  }

  public JobStatus from() {
    return from;
  }

  public JobStatus to() {
    return to;
  }
}
