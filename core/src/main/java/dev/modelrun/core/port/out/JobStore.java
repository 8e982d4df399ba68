package dev.modelrun.core.port.out;

import dev.modelrun.core.model.CallerIdentity;
import dev.modelrun.core.model.ConcurrentUpdateException;
import dev.modelrun.core.model.Job;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.model.JobQuery;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Keeps jobs and the names of their items. Implementations are thread-safe; the work on the items (claims, leases,
 * completions) goes through the {@link WorkQueue} of the same store.
 */
public interface JobStore {
  /**
   * Stores a new job and queues its items (all {@code QUEUED}, in this order) at once: either everything is stored
   * or nothing is. An {@code OPEN} job has no items yet ({@link WorkQueue#enqueue} adds them).
   */
  void create(Job job, List<String> items);

  /**
   * Like {@link #create}, unless {@code request}'s key already holds an unexpired request of the same key prefix:
   * then nothing is stored and that earlier request is returned. The check and the store are one atomic step.
   */
  Optional<IdempotentRequest> createOnce(Job job, List<String> items, IdempotentRequest request);

  /** The unexpired request stored under this key prefix and key at {@code now}. */
  Optional<IdempotentRequest> idempotentRequest(String keyPrefix, String key, Instant now);

  Optional<Job> find(JobId id);

  /**
   * Replaces the stored job with {@code job}, on condition that the stored one is at {@code job.version() - 1}. For
   * changes that leave the job's work alone (a rename); work and status move through the {@link WorkQueue}.
   *
   * @throws ConcurrentUpdateException when it is not
   */
  void update(Job job);

  /** The jobs of {@code owner} (by key prefix) that match {@code query}, in its order, one page, and the count. */
  Page history(CallerIdentity owner, JobQuery query);

  /** The names of a job's items, in submission order; empty for an unknown job. */
  List<String> itemNames(JobId id);

  /** Up to {@code limit} unfinished jobs whose deadline is not after {@code now}, oldest deadline first. */
  List<Job> overdue(Instant now, int limit);

  /** One page of jobs and the count of all matches. */
  record Page(List<Job> jobs, long totalCount) {
    public Page {
      jobs = List.copyOf(jobs);
    }
  }
}
