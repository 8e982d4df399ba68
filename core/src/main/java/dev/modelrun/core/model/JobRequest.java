package dev.modelrun.core.model;

import static java.util.Objects.requireNonNull;

/** A request to run {@code model} over {@code input} with the options of {@code spec}. */
public record JobRequest(ModelRef model, JobSpec spec, JobInput input) {
  public JobRequest {
    requireNonNull(model, "model");
    requireNonNull(spec, "spec");
    requireNonNull(input, "input");
  }
}
