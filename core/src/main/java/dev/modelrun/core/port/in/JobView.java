package dev.modelrun.core.port.in;

import static java.util.Objects.requireNonNull;

import dev.modelrun.core.model.Job;
import java.time.Duration;
import java.util.List;

/** A job as a caller sees it at one moment: the job, its item names, and its queue and elapsed time then. */
public record JobView(Job job, List<String> inputNames, Duration queueTime, Duration elapsedTime) {
  public JobView {
    requireNonNull(job, "job");
    inputNames = List.copyOf(inputNames);
    requireNonNull(queueTime, "queueTime");
    requireNonNull(elapsedTime, "elapsedTime");
  }
}
