package dev.modelrun.engine;

import dev.modelrun.core.model.CallerIdentity;
import dev.modelrun.core.model.Job;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.port.in.AwaitJobUseCase;
import dev.modelrun.core.port.in.GetJobUseCase;
import dev.modelrun.core.port.in.JobView;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Reads one job, or waits for it to end. */
final class GetJobService implements GetJobUseCase, AwaitJobUseCase {
  // why: a job may end through another node or a store change this engine did not make; look again this often.
  private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private final EngineParts parts;

  GetJobService(EngineParts parts) {
    this.parts = parts;
  }

  @Override
  public JobView get(CallerIdentity caller, JobId id) {
    return parts.views().view(parts.views().visible(caller, id));
  }

  @Override
  public JobView await(CallerIdentity caller, JobId id, Duration timeout) throws InterruptedException {
    parts.views().visible(caller, id);
    return parts.views().view(await(id, timeout));
  }

  /** Waits for the job to end, up to {@code timeout}; answers it as it stands then. */
  Job await(JobId id, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
    while (true) {
      Optional<CompletableFuture<Job>> ending = parts.events().ending(id);
      Job job = parts.views().existing(id);
      long left = deadline - System.nanoTime();
      if (job.status().isTerminal() || left <= 0) {
        return job;
      }
      long wait = Math.min(left, RECHECK_NANOS);
      if (ending.isPresent()) {
        try {
          return ending.get().get(wait, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
          // why: look at the store again
        } catch (ExecutionException e) {
          throw new IllegalStateException("the end of job " + id + " failed", e.getCause());
        }
      } else {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
    }
  }
}
