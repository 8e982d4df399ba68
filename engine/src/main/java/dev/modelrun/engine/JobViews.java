package dev.modelrun.engine;

import dev.modelrun.core.model.CallerIdentity;
import dev.modelrun.core.model.Job;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.model.JobNotFoundException;
import dev.modelrun.core.port.in.JobView;
import dev.modelrun.core.port.out.JobStore;
import java.time.Clock;
import java.time.Instant;

/** Finds the jobs a caller may see and shows them as views, with queue and elapsed time from stored timestamps. */
final class JobViews {
  private final JobStore jobs;
  private final Clock clock;

  JobViews(JobStore jobs, Clock clock) {
    this.jobs = jobs;
    this.clock = clock;
  }

  /** @throws JobNotFoundException when the job does not exist or another key submitted it */
  Job visible(CallerIdentity caller, JobId id) {
    return jobs.find(id).filter(job -> caller.owns(job.owner())).orElseThrow(() -> new JobNotFoundException(id));
  }

  /** @throws JobNotFoundException when the job does not exist */
  Job existing(JobId id) {
    return jobs.find(id).orElseThrow(() -> new JobNotFoundException(id));
  }

  JobView view(Job job) {
    Instant now = clock.instant();
    return new JobView(job, jobs.itemNames(job.id()), job.queueTime(now), job.elapsedTime(now));
  }
}
