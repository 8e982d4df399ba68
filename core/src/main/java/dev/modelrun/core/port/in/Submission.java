package dev.modelrun.core.port.in;

import static java.util.Objects.requireNonNull;

/** The answer to a submit: the job, and whether it was created now or is the first job of a repeated request. */
public record Submission(JobView job, boolean replayed) {
  public Submission {
    requireNonNull(job, "job");
  }
}
