package dev.modelrun.engine;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.modelrun.core.model.CallerIdentity;
import dev.modelrun.core.model.ConcurrentUpdateException;
import dev.modelrun.core.model.ItemState;
import dev.modelrun.core.model.Job;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.model.JobQuery;
import dev.modelrun.core.model.JobStatus;
import dev.modelrun.core.model.ModelRef;
import dev.modelrun.core.port.out.IdempotentRequest;
import dev.modelrun.core.port.out.JobStore;
import dev.modelrun.core.port.out.WorkQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * The default job store and work queue: everything in memory, with the semantics of the durable stores (conditional
 * updates on the job version, leases, fair claims). Thread-safe; every change takes one lock per call (a claim or a
 * completion is a batch of items), while reads of jobs take none.
 */
public final class InMemoryJobStore implements JobStore, WorkQueue {
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<JobId, Job> jobs = new ConcurrentHashMap<>();
  private final Map<JobId, Work> work = new HashMap<>();
  private final Map<RequestKey, IdempotentRequest> requests = new HashMap<>();
  // why: one ring of jobs with queued items per priority, highest first; a claim takes from the head and puts the
  // job back at the tail, so jobs of the same priority take turns (fair share) and the oldest goes first.
  private final TreeMap<Integer, ArrayDeque<JobId>> runnable = new TreeMap<>(Comparator.reverseOrder());

  @Override
  public void create(Job job, List<String> items) {
    requireNonNull(job, "job");
    List<String> names = List.copyOf(items);
    lock.lock();
    try {
      insert(job, names);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Optional<IdempotentRequest> createOnce(Job job, List<String> items, IdempotentRequest request) {
    requireNonNull(job, "job");
    requireNonNull(request, "request");
    List<String> names = List.copyOf(items);
    RequestKey key = new RequestKey(request.keyPrefix(), request.key());
    lock.lock();
    try {
      IdempotentRequest earlier = requests.get(key);
      if (earlier != null && earlier.expiresAt().isAfter(job.createdAt())) {
        return Optional.of(earlier);
      }
      insert(job, names);
      requests.put(key, request);
      return Optional.empty();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Optional<IdempotentRequest> idempotentRequest(String keyPrefix, String key, Instant now) {
    lock.lock();
    try {
      return Optional.ofNullable(requests.get(new RequestKey(keyPrefix, key)))
          .filter(request -> request.expiresAt().isAfter(now));
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Optional<Job> find(JobId id) {
    return Optional.ofNullable(jobs.get(requireNonNull(id, "id")));
  }

  @Override
  public void update(Job job) {
    lock.lock();
    try {
      replace(job);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Page history(CallerIdentity owner, JobQuery query) {
    List<Job> matches = jobs.values().stream()
        .filter(job -> job.owner().keyPrefix().equals(owner.keyPrefix()))
        .filter(query::matches)
        .sorted(query.order())
        .toList();
    int from = (int) Math.min(query.offset(), matches.size());
    int to = Math.min(from + query.perPage(), matches.size());
    return new Page(matches.subList(from, to), matches.size());
  }

  @Override
  public List<String> itemNames(JobId id) {
    lock.lock();
    try {
      Work items = work.get(id);
      return items == null ? List.of() : items.names;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<Job> overdue(Instant now, int limit) {
    return jobs.values().stream()
        .filter(job -> job.status() == JobStatus.SUBMITTED || job.status() == JobStatus.IN_PROGRESS)
        .filter(job -> job.deadline().filter(deadline -> !deadline.isAfter(now)).isPresent())
        .sorted(Comparator.comparing((Job job) -> job.deadline().orElseThrow()))
        .limit(limit)
        .toList();
  }

  @Override
  public void enqueue(Job submitted, List<String> items) {
    requireNonNull(submitted, "submitted");
    checkArgument(submitted.status() == JobStatus.SUBMITTED, "only a SUBMITTED job is enqueued");
    List<String> names = List.copyOf(items);
    lock.lock();
    try {
      checkArgument(!work.containsKey(submitted.id()), "job %s already has items", submitted.id());
      checkArgument(!names.isEmpty(), "a submitted job has items");
      Work queued = new Work(submitted.model(), names);
      replace(submitted);
      addWork(submitted.id(), queued, submitted.priority());
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Optional<Claim> claim(String owner, Map<ModelRef, Integer> batchSizes, Instant now, Duration lease) {
    requireNonNull(owner, "owner");
    Instant until = now.plus(lease);
    lock.lock();
    try {
      Iterator<Map.Entry<Integer, ArrayDeque<JobId>>> priorities = runnable.entrySet().iterator();
      while (priorities.hasNext()) {
        ArrayDeque<JobId> ring = priorities.next().getValue();
        for (int turns = ring.size(); turns > 0; turns--) {
          JobId id = ring.pollFirst();
          Work items = work.get(id);
          if (items == null || !items.hasQueued()) {
            continue;
          }
          Integer max = batchSizes.get(items.model);
          if (max == null || max < 1) {
            ring.addLast(id);
            continue;
          }
          Claimed claimed = items.claim(owner, max, until);
          if (items.hasQueued()) {
            ring.addLast(id);
          } else {
            items.inRing = false;
          }
          if (ring.isEmpty()) {
            priorities.remove();
          }
          Job before = jobs.get(id);
          Job after = before.start(claimed.count, now);
          jobs.put(id, after);
          return Optional.of(new Claim(after, List.of(Arrays.copyOf(claimed.names, claimed.count)),
              claimed.positions.length == claimed.count ? claimed.positions
                  : Arrays.copyOf(claimed.positions, claimed.count), before.status() == JobStatus.SUBMITTED));
        }
        if (ring.isEmpty()) {
          priorities.remove();
        }
      }
      return Optional.empty();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Completion complete(String owner, JobId id, List<Outcome> outcomes, Instant now) {
    requireNonNull(owner, "owner");
    lock.lock();
    try {
      Job job = jobs.get(id);
      checkArgument(job != null, "no job %s", id);
      Work items = work.get(id);
      if (job.status() != JobStatus.IN_PROGRESS || items == null) {
        return new Completion(job, names(outcomes));
      }
      boolean[] accepted = new boolean[outcomes.size()];
      boolean requeued = false;
      for (int i = 0; i < accepted.length; i++) {
        Outcome outcome = outcomes.get(i);
        accepted[i] = items.end(outcome, owner);
        requeued |= accepted[i] && outcome.state() == ItemState.QUEUED;
      }
      Completion completion = Completion.of(job, outcomes, accepted, now);
      Job after = completion.job();
      if (requeued) {
        makeRunnable(id, items, after.priority());
      }
      if (after != job) {
        jobs.put(id, after);
      }
      return completion;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Job stop(JobId id, UnaryOperator<Job> transition) {
    lock.lock();
    try {
      Job current = jobs.get(requireNonNull(id, "id"));
      checkArgument(current != null, "no job %s", id);
      Job stopped = transition.apply(current);
      stop(stopped);
      return stopped;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void stop(Job stopped) {
    checkArgument(stopped.status().isTerminal(), "a stopped job is terminal");
    lock.lock();
    try {
      replace(stopped);
      Work items = work.get(stopped.id());
      if (items != null) {
        items.dropUnfinished();
        if (items.inRing) {
          ArrayDeque<JobId> ring = runnable.get(stopped.priority());
          if (ring != null) {
            ring.remove(stopped.id());
            if (ring.isEmpty()) {
              runnable.remove(stopped.priority());
            }
          }
          items.inRing = false;
        }
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public int renew(String owner, Instant now, Duration lease) {
    Instant until = now.plus(lease);
    lock.lock();
    try {
      int renewed = 0;
      for (Work items : work.values()) {
        if (items.running > 0) {
          renewed += items.renew(owner, until);
        }
      }
      return renewed;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public int recoverExpired(Instant now) {
    lock.lock();
    try {
      int recovered = 0;
      for (Map.Entry<JobId, Work> entry : work.entrySet()) {
        Work items = entry.getValue();
        if (items.running == 0) {
          continue;
        }
        int count = items.recover(now);
        if (count > 0) {
          Job job = jobs.get(entry.getKey());
          Job after = job.requeue(count, now);
          jobs.put(job.id(), after);
          makeRunnable(job.id(), items, job.priority());
          recovered += count;
        }
      }
      return recovered;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Backlog backlog() {
    long queued = 0;
    Instant oldest = null;
    for (Job job : jobs.values()) {
      boolean runnable = job.status() == JobStatus.SUBMITTED || job.status() == JobStatus.IN_PROGRESS;
      if (runnable && job.counters().pending() > 0) {
        queued += job.counters().pending();
        Instant submitted = job.submitted().orElseThrow();
        oldest = oldest == null || submitted.isBefore(oldest) ? submitted : oldest;
      }
    }
    return new Backlog(queued, Optional.ofNullable(oldest));
  }

  /** This store lives and dies with its process, so no lease of a former life of a node is ever in it. */
  @Override
  public int handBackFormerLeases(String owner, Instant now) {
    requireNonNull(owner, "owner");
    requireNonNull(now, "now");
    return 0;
  }

  /** The state of one item, for tests and diagnostics; empty when the job or item is unknown. */
  public Optional<ItemState> itemState(JobId id, String item) {
    lock.lock();
    try {
      Work items = work.get(id);
      if (items == null) {
        return Optional.empty();
      }
      int index = items.index.positionOf(requireNonNull(item, "item"));
      return index < 0 ? Optional.empty() : Optional.of(items.states[index]);
    } finally {
      lock.unlock();
    }
  }

  private void insert(Job job, List<String> names) {
    checkArgument(!jobs.containsKey(job.id()), "job %s already exists", job.id());
    checkArgument(job.status() == JobStatus.OPEN ? names.isEmpty() : !names.isEmpty(),
        "an OPEN job has no items, any other new job has some");
    // why: the work is built first, so a bad item list (a name twice) stores nothing.
    Work items = names.isEmpty() ? null : new Work(job.model(), names);
    jobs.put(job.id(), job);
    if (items != null) {
      addWork(job.id(), items, job.priority());
    }
  }

  private void addWork(JobId id, Work items, int priority) {
    work.put(id, items);
    makeRunnable(id, items, priority);
  }

  private void makeRunnable(JobId id, Work items, int priority) {
    if (!items.inRing && items.hasQueued()) {
      runnable.computeIfAbsent(priority, p -> new ArrayDeque<>()).addLast(id);
      items.inRing = true;
    }
  }

  private void replace(Job job) {
    Job stored = jobs.get(job.id());
    if (stored == null || stored.version() != job.version() - 1) {
      throw new ConcurrentUpdateException(job.id(), job.version() - 1);
    }
    jobs.put(job.id(), job);
  }

  private static Set<String> names(List<Outcome> outcomes) {
    Set<String> names = new HashSet<>();
    outcomes.forEach(outcome -> names.add(outcome.item()));
    return names;
  }

  private record RequestKey(String keyPrefix, String key) {}

  /** The names and positions of the first {@code count} items of a claim being taken. */
  private static final class Claimed {
    final String[] names;
    final int[] positions;
    int count;

    Claimed(String[] names, int[] positions) {
      this.names = names;
      this.positions = positions;
    }
  }

  /**
   * The items of one job: names, states and leases, by index. Queued items are those from {@code next} on, and the
   * handed-back ones, which go first.
   */
  private static final class Work {
    final ModelRef model;
    final List<String> names;
    final NameIndex index;
    final ItemState[] states;
    final String[] owners;
    final Instant[] leases;
    final ArrayDeque<Integer> handedBack = new ArrayDeque<>();
    int next;
    int running;
    boolean inRing;

    Work(ModelRef model, List<String> names) {
      this.model = model;
      this.names = names;
      this.index = new NameIndex(names);
      index.repeated().ifPresent(name -> {
        throw new IllegalArgumentException("item " + name + " appears twice");
      });
      this.states = new ItemState[names.size()];
      Arrays.fill(states, ItemState.QUEUED);
      this.owners = new String[names.size()];
      this.leases = new Instant[names.size()];
    }

    boolean hasQueued() {
      return !handedBack.isEmpty() || next < states.length;
    }

    /** Claims up to {@code max} queued items: handed-back ones first, then new ones in order. */
    Claimed claim(String owner, int max, Instant until) {
      int capacity = Math.min(max, handedBack.size() + states.length - next);
      Claimed claimed = new Claimed(new String[capacity], new int[capacity]);
      while (claimed.count < capacity && hasQueued()) {
        int i = handedBack.isEmpty() ? nextQueued() : handedBack.pollFirst();
        if (i < 0) {
          break;
        }
        states[i] = ItemState.RUNNING;
        owners[i] = owner;
        leases[i] = until;
        running++;
        claimed.names[claimed.count] = names.get(i);
        claimed.positions[claimed.count++] = i;
      }
      return claimed;
    }

    private int nextQueued() {
      while (next < states.length) {
        int i = next++;
        if (states[i] == ItemState.QUEUED) {
          return i;
        }
      }
      return -1;
    }

    boolean end(Outcome ended, String owner) {
      // why: by the position its claim gave, which holds the same name (most often the very same string), so the
      // item is found without hashing its name.
      int i = ended.position();
      if (i == Outcome.UNKNOWN_POSITION) {
        i = index.positionOf(ended.item());
      } else if (i >= states.length || !names.get(i).equals(ended.item())) {
        return false;
      }
      ItemState outcome = ended.state();
      if (i < 0 || states[i] != ItemState.RUNNING || !owner.equals(owners[i])) {
        return false;
      }
      states[i] = outcome;
      owners[i] = null;
      leases[i] = null;
      running--;
      if (outcome == ItemState.QUEUED) {
        handedBack.addLast(i);
      }
      return true;
    }

    void dropUnfinished() {
      for (int i = 0; i < states.length; i++) {
        if (!states[i].isFinal()) {
          states[i] = ItemState.DROPPED;
          owners[i] = null;
          leases[i] = null;
        }
      }
      handedBack.clear();
      next = states.length;
      running = 0;
    }

    int renew(String owner, Instant until) {
      int renewed = 0;
      for (int i = 0; i < states.length; i++) {
        if (states[i] == ItemState.RUNNING && owner.equals(owners[i])) {
          leases[i] = until;
          renewed++;
        }
      }
      return renewed;
    }

    int recover(Instant now) {
      int recovered = 0;
      for (int i = 0; i < states.length; i++) {
        if (states[i] == ItemState.RUNNING && leases[i].isBefore(now)) {
          states[i] = ItemState.QUEUED;
          owners[i] = null;
          leases[i] = null;
          handedBack.addLast(i);
          running--;
          recovered++;
        }
      }
      return recovered;
    }
  }
}
