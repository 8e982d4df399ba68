package dev.modelrun.core.port.in;

import static java.util.Objects.requireNonNull;

import dev.modelrun.core.model.CallerIdentity;
import dev.modelrun.core.model.JobRequest;

/** A caller's request to run a job. */
public record SubmitJobCommand(CallerIdentity caller, JobRequest request) {
  public SubmitJobCommand {
    requireNonNull(caller, "caller");
    requireNonNull(request, "request");
  }
}
