package dev.modelrun.core.port.out;

import dev.modelrun.core.model.CallerIdentity;
import dev.modelrun.core.model.ConcurrentUpdateException;
import dev.modelrun.core.model.InputItem;
import dev.modelrun.core.model.Job;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.model.JobQuery;
import java.util.List;
import java.util.Optional;

/** Keeps jobs and the items of their work. Implementations are thread-safe. */
public interface JobStore {
  /** Stores a new job and all its items at once: either everything is stored or nothing is. */
  void create(Job job, List<InputItem> items);

  Optional<Job> find(JobId id);

  /**
   * Replaces the stored job with {@code job}, on condition that the stored one is at {@code job.version() - 1}.
   *
   * @throws ConcurrentUpdateException when it is not
   */
  void update(Job job);

  /** The jobs of {@code owner} that match {@code query}, in its order, one page of them, and how many matched. */
  Page history(CallerIdentity owner, JobQuery query);

  /** The names of a job's items, in submission order. */
  List<String> itemNames(JobId id);

  /** One page of jobs and the count of all matches. */
  record Page(List<Job> jobs, long totalCount) {
    public Page {
      jobs = List.copyOf(jobs);
    }
  }
}
