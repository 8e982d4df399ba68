package dev.modelrun.core.port.out;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.modelrun.core.model.ConcurrentUpdateException;
import dev.modelrun.core.model.ItemState;
import dev.modelrun.core.model.Job;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.model.ModelRef;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The work of the jobs of a {@link JobStore}: items are claimed in batches under a lease (an owner and an expiry),
 * completed on condition that the lease is still held, and the job's counters move with each claim and completion
 * batch through {@link Job#start} and {@link Job#finishWork}. {@code now} is the engine's clock; a store with its own
 * clock (a database's) may use that instead. Implementations are thread-safe.
 */
public interface WorkQueue {
  /**
   * Stores {@code submitted} (a job just closed from {@code OPEN}; conditional on the stored version being {@code
   * submitted.version() - 1}) and queues its items at once.
   *
   * @throws ConcurrentUpdateException when the stored job is at another version
   */
  void enqueue(Job submitted, List<String> items);

  /**
   * Claims up to {@code batchSizes.get(model)} queued items of one runnable job whose model is in {@code
   * batchSizes} (jobs of other models are skipped): the highest priority first, then jobs in turn (fair share),
   * oldest first; items in submission order, items handed back before new ones. Claimed items are {@code RUNNING}
   * under {@code owner} until {@code now + lease}, and the job has started them ({@link Job#start}).
   *
   * @return nothing when no such item is queued
   */
  Optional<Claim> claim(String owner, Map<ModelRef, Integer> batchSizes, Instant now, Duration lease);

  /**
   * Ends work on items of one job: each outcome is {@code SUCCEEDED}, {@code FAILED}, or {@code QUEUED} (handed
   * back unfinished). Outcomes of items whose lease {@code owner} no longer holds, of a job that has stopped, or whose
   * position (when given) holds another item, are refused; the others move the job's counters in one step.
   */
  Completion complete(String owner, JobId job, List<Outcome> outcomes, Instant now);

  /**
   * Stores {@code stopped} (a job just moved to a terminal status; conditional on the stored version being {@code
   * stopped.version() - 1}) and drops all its unfinished items at once: no claim or completion succeeds after it.
   *
   * @throws ConcurrentUpdateException when the stored job is at another version
   */
  void stop(Job stopped);

  /**
   * Stops the job in one step: applies {@code transition} (a cancel, a timeout or a failure of {@link Job}) to the
   * job as it is stored, stores the result and drops its unfinished items, with no other change in between. Unlike
   * {@link #stop(Job)} it never loses to concurrent completions, however many nodes complete the job's work.
   *
   * @return the stopped job
   * @throws IllegalArgumentException when no such job is stored
   * @throws RuntimeException what {@code transition} throws (the job is then left as it was)
   */
  Job stop(JobId id, UnaryOperator<Job> transition);

  /** Extends every lease {@code owner} holds to {@code now + lease}; returns how many. */
  int renew(String owner, Instant now, Duration lease);

  /** Hands every item whose lease expired before {@code now} back to the queue; returns how many. */
  int recoverExpired(Instant now);

  /** The work waiting to be claimed, across every node sharing the store. */
  Backlog backlog();

  /**
   * Work waiting to be claimed: the queued items of runnable jobs, and when the oldest runnable job with queued items
   * was submitted (empty when nothing waits).
   */
  record Backlog(long queuedItems, Optional<Instant> oldestSubmittedAt) {
    public static final Backlog EMPTY = new Backlog(0, Optional.empty());

    public Backlog {
      checkArgument(queuedItems >= 0, "queuedItems must not be negative");
      requireNonNull(oldestSubmittedAt, "oldestSubmittedAt");
      checkArgument(queuedItems > 0 == oldestSubmittedAt.isPresent(), "only waiting work has an oldest job");
    }
  }

  /**
   * Hands back to the queue, at once, every item leased under {@code owner} by a former life of this node: an
   * earlier process that ran under the same node name against the same store and ended without handing its work back
   * (it was killed). The caller is that node's only live process, so those leases are dead even though they have not
   * expired. Leases this store took itself are kept. A store that cannot outlive its process (in memory) has no
   * former lives and returns 0.
   *
   * @return how many items came back
   */
  int handBackFormerLeases(String owner, Instant now);

  /**
   * Items claimed together: the job after the claim, the items' names, the position of each in the job's items (its
   * place in the list the job was stored or enqueued with, from 0), and whether this claim moved the job to {@code
   * IN_PROGRESS}.
   */
  record Claim(Job job, List<String> items, int[] positions, boolean started) {
    public Claim {
      requireNonNull(job, "job");
      items = List.copyOf(items);
      positions = positions.clone();
      checkArgument(!items.isEmpty(), "a claim holds at least one item");
      checkArgument(positions.length == items.size(), "%s items but %s positions", items.size(), positions.length);
      for (int position : positions) {
        checkArgument(position >= 0, "a position is not negative but was %s", position);
      }
    }

    /** The position in the job's items of the claim's {@code index}th item. */
    public int position(int index) {
      return positions[index];
    }

    /** A copy of the positions, in the order of {@link #items}. */
    @Override
    public int[] positions() {
      return positions.clone();
    }

    /** The outcome of the claim's {@code index}th item, by name and position. */
    public Outcome outcome(int index, ItemState state) {
      return new Outcome(items.get(index), positions[index], state);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Claim claim && job.equals(claim.job) && items.equals(claim.items)
          && Arrays.equals(positions, claim.positions) && started == claim.started;
    }

    @Override
    public int hashCode() {
      return Objects.hash(job, items, Arrays.hashCode(positions), started);
    }

    @Override
    public String toString() {
      return "Claim[job=" + job.id() + ", items=" + items + ", positions=" + Arrays.toString(positions)
          + ", started=" + started + "]";
    }
  }

  /**
   * How one claimed item ended. {@code position} is the item's position in the job's items as its claim gave it
   * ({@link Claim#position}), or {@link #UNKNOWN_POSITION}: a store may find the item by it instead of by name, and
   * refuses an outcome whose position holds another item.
   */
  record Outcome(String item, int position, ItemState state) {
    /** The position of an outcome that names its item only. */
    public static final int UNKNOWN_POSITION = -1;

    public Outcome {
      requireNonNull(item, "item");
      requireNonNull(state, "state");
      checkArgument(position >= UNKNOWN_POSITION, "a position is not negative but was %s", position);
      checkArgument(state == ItemState.SUCCEEDED || state == ItemState.FAILED || state == ItemState.QUEUED,
          "an outcome is SUCCEEDED, FAILED or QUEUED but was %s", state);
    }

    /** An outcome that names its item only: the store finds it by name. */
    public Outcome(String item, ItemState state) {
      this(item, UNKNOWN_POSITION, state);
    }
  }

  /** What a completion did: the job after it, and the items whose outcome was refused. */
  record Completion(Job job, Set<String> refused) {
    public Completion {
      requireNonNull(job, "job");
      refused = Set.copyOf(refused);
    }

    /**
     * The completion of {@code outcomes} on the in-progress {@code job}, as every store counts it: the outcomes
     * {@code accepted} (by index) go into the job's counters ({@link Job#endWork}), the others are refused.
     */
    public static Completion of(Job job, List<Outcome> outcomes, boolean[] accepted, Instant now) {
      checkArgument(accepted.length == outcomes.size(), "%s outcomes but %s answers", outcomes.size(),
          accepted.length);
      Set<String> refused = new HashSet<>();
      long succeeded = 0;
      long failed = 0;
      long requeued = 0;
      for (int i = 0; i < outcomes.size(); i++) {
        Outcome outcome = outcomes.get(i);
        if (!accepted[i]) {
          refused.add(outcome.item());
          continue;
        }
        switch (outcome.state()) {
          case SUCCEEDED -> succeeded++;
          case FAILED -> failed++;
          default -> requeued++;
        }
      }
      return new Completion(job.endWork(succeeded, failed, requeued, now), refused);
    }
  }
}
