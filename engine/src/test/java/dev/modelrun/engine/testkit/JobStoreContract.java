package dev.modelrun.engine.testkit;

import static dev.modelrun.engine.testkit.Jobs.ALICE;
import static dev.modelrun.engine.testkit.Jobs.BOB;
import static dev.modelrun.engine.testkit.Jobs.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelrun.core.model.ConcurrentUpdateException;
import dev.modelrun.core.model.ItemState;
import dev.modelrun.core.model.Job;
import dev.modelrun.core.model.JobCounters;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.model.JobQuery;
import dev.modelrun.core.model.JobStatus;
import dev.modelrun.core.model.ModelRef;
import dev.modelrun.core.port.out.IdempotentRequest;
import dev.modelrun.core.port.out.JobStore;
import dev.modelrun.core.port.out.WorkQueue;
import dev.modelrun.core.port.out.WorkQueue.Claim;
import dev.modelrun.core.port.out.WorkQueue.Completion;
import dev.modelrun.core.port.out.WorkQueue.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every job store and work queue must do; a store's test extends this and says how to make an empty store.
 * Times are passed in explicitly (from {@link Jobs#T0}); a store on its own clock must still honour their order.
 */
public abstract class JobStoreContract<S extends JobStore & WorkQueue> {
  protected static final Duration LEASE = Duration.ofMinutes(1);

  protected S store;

  /** A new, empty store. */
  protected abstract S newStore();

  @BeforeEach
  void emptyStore() {
    store = newStore();
  }

  private Job created(Jobs jobs) {
    Job job = jobs.build();
    store.create(job, jobs.names());
    return job;
  }

  private Map<ModelRef, Integer> batch(int size) {
    return Map.of(EchoModel.DESCRIPTOR.ref(), size);
  }

  @Test
  void stores_a_job_with_its_item_names_in_order() {
    Job job = created(Jobs.submitted().items(3));

    assertThat(store.find(job.id())).contains(job);
    assertThat(store.itemNames(job.id())).containsExactly("item-1", "item-2", "item-3");
    assertThat(store.find(JobId.of(java.util.UUID.randomUUID()))).isEmpty();
  }

  @Test
  void the_backlog_counts_queued_items_of_runnable_jobs_and_the_oldest_submission() {
    assertThat(store.backlog()).isEqualTo(WorkQueue.Backlog.EMPTY);
    Job older = created(Jobs.submitted().items(3).at(T0));
    created(Jobs.submitted().items(4).at(T0.plusSeconds(5)));
    Job canceled = created(Jobs.submitted().items(6).at(T0.minusSeconds(9)));
    store.stop(canceled.cancel(T0.plusSeconds(6)));
    created(Jobs.open().at(T0.minusSeconds(20)));

    assertThat(store.backlog()).isEqualTo(new WorkQueue.Backlog(7, Optional.of(T0)));

    Claim claim = store.claim("node-a", batch(3), T0.plusSeconds(7), LEASE).orElseThrow();
    assertThat(claim.job().id()).isEqualTo(older.id());
    assertThat(store.backlog()).isEqualTo(new WorkQueue.Backlog(4, Optional.of(T0.plusSeconds(5))));

    store.complete("node-a", older.id(), List.of(new Outcome("item-1", ItemState.QUEUED)), T0.plusSeconds(8));
    assertThat(store.backlog()).isEqualTo(new WorkQueue.Backlog(5, Optional.of(T0)));
  }

  @Test
  void a_stop_by_transition_applies_to_the_job_as_it_stands_and_drops_its_work() {
    Job job = created(Jobs.submitted().items(3));
    Claim claim = store.claim("node-a", batch(1), T0, LEASE).orElseThrow();
    // another node's completion moves the job on after this caller last read it
    store.complete("node-a", job.id(), List.of(new Outcome(claim.items().getFirst(), ItemState.SUCCEEDED)),
        T0.plusSeconds(1));

    Job stopped = store.stop(job.id(), current -> current.cancel(T0.plusSeconds(2)));

    assertThat(stopped.status()).isEqualTo(JobStatus.CANCELED);
    assertThat(stopped.counters().completed()).isEqualTo(1);
    assertThat(store.find(job.id())).contains(stopped);
    assertThat(store.claim("node-a", batch(5), T0.plusSeconds(3), LEASE)).isEmpty();
    assertThatThrownBy(() -> store.stop(job.id(), current -> current.cancel(T0.plusSeconds(4))))
        .isInstanceOf(dev.modelrun.core.model.IllegalTransitionException.class);
    assertThat(store.find(job.id())).contains(stopped);
  }

  @Test
  void a_job_with_an_item_named_twice_is_refused_whole() {
    Job job = Jobs.submitted().items(2).build();

    assertThatThrownBy(() -> store.create(job, List.of("same", "same")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.find(job.id())).isEmpty();
    assertThat(store.claim("w1", batch(5), T0, LEASE)).isEmpty();
  }

  @Test
  void updates_only_from_the_version_it_read() {
    Job job = created(Jobs.submitted());
    Job renamed = job.rename("first", T0.plusSeconds(1));
    store.update(renamed);

    assertThatThrownBy(() -> store.update(job.rename("second", T0.plusSeconds(2))))
        .isInstanceOf(ConcurrentUpdateException.class);
    assertThat(store.find(job.id()).orElseThrow().name()).isEqualTo("first");
  }

  @Test
  void history_lists_only_the_owners_jobs_filtered_sorted_and_paged() {
    for (int i = 0; i < 5; i++) {
      created(Jobs.submitted().at(T0.plusSeconds(i)).name("alice-" + i));
    }
    created(Jobs.submitted().owner(BOB).name("bob"));

    JobStore.Page page = store.history(ALICE, JobQuery.all().withPage(1, 2));
    JobStore.Page last = store.history(ALICE, JobQuery.all().withPage(3, 2).withSort(JobQuery.SortKey.NAME, true));

    assertThat(page.totalCount()).isEqualTo(5);
    assertThat(page.jobs()).extracting(Job::name).containsExactly("alice-4", "alice-3");
    assertThat(last.jobs()).extracting(Job::name).containsExactly("alice-4");
    assertThat(store.history(BOB, JobQuery.all()).jobs()).extracting(Job::name).containsExactly("bob");
    assertThat(store.history(ALICE, JobQuery.all().withStatus(JobQuery.StatusFilter.TERMINATED)).totalCount())
        .isZero();
  }

  @Test
  void a_repeated_idempotency_key_answers_the_earlier_request_and_stores_nothing() {
    Jobs first = Jobs.submitted();
    Job job = first.build();
    IdempotentRequest request = new IdempotentRequest("alicekey", "k1", "fp", job.id(), T0.plus(Duration.ofDays(1)));
    assertThat(store.createOnce(job, first.names(), request)).isEmpty();

    Jobs second = Jobs.submitted();
    Job other = second.build();
    Optional<IdempotentRequest> earlier = store.createOnce(other, second.names(),
        new IdempotentRequest("alicekey", "k1", "fp2", other.id(), T0.plus(Duration.ofDays(1))));

    assertThat(earlier).contains(request);
    assertThat(store.find(other.id())).isEmpty();
    assertThat(store.idempotentRequest("alicekey", "k1", T0)).contains(request);
    assertThat(store.idempotentRequest("bobkey", "k1", T0)).isEmpty();
    assertThat(store.idempotentRequest("alicekey", "k1", T0.plus(Duration.ofDays(2)))).isEmpty();
  }

  @Test
  void an_expired_idempotency_key_can_be_used_again() {
    Jobs first = Jobs.submitted();
    Job job = first.build();
    store.createOnce(job, first.names(), new IdempotentRequest("alicekey", "k1", "fp", job.id(), T0.plusSeconds(1)));

    Jobs later = Jobs.submitted().at(T0.plusSeconds(5));
    Job again = later.build();
    IdempotentRequest request = new IdempotentRequest("alicekey", "k1", "fp", again.id(), T0.plusSeconds(100));

    assertThat(store.createOnce(again, later.names(), request)).isEmpty();
    assertThat(store.find(again.id())).isPresent();
  }

  @Test
  void claims_items_in_submission_order_and_starts_the_job() {
    Job job = created(Jobs.submitted().items(5));

    Claim first = store.claim("w1", batch(2), T0, LEASE).orElseThrow();
    Claim second = store.claim("w1", batch(2), T0, LEASE).orElseThrow();

    assertThat(first.items()).containsExactly("item-1", "item-2");
    assertThat(first.started()).isTrue();
    assertThat(second.items()).containsExactly("item-3", "item-4");
    assertThat(second.started()).isFalse();
    Job stored = store.find(job.id()).orElseThrow();
    assertThat(stored.status()).isEqualTo(JobStatus.IN_PROGRESS);
    assertThat(stored.counters()).isEqualTo(new JobCounters(5, 1, 4, 0, 0));
    assertThat(stored.started()).contains(T0);
  }

  @Test
  void claims_nothing_for_models_it_is_not_asked_for() {
    created(Jobs.submitted().items(2));

    assertThat(store.claim("w1", Map.of(ModelRef.of("other", "1"), 5), T0, LEASE)).isEmpty();
    assertThat(store.claim("w1", Map.of(), T0, LEASE)).isEmpty();
    assertThat(store.claim("w1", batch(5), T0, LEASE)).isPresent();
  }

  @Test
  void claims_the_highest_priority_first() {
    Job low = created(Jobs.submitted().items(2).priority(0));
    Job high = created(Jobs.submitted().items(2).priority(5).at(T0.plusSeconds(1)));

    assertThat(store.claim("w1", batch(10), T0, LEASE).orElseThrow().job().id()).isEqualTo(high.id());
    assertThat(store.claim("w1", batch(10), T0, LEASE).orElseThrow().job().id()).isEqualTo(low.id());
  }

  @Test
  void jobs_of_the_same_priority_take_turns_oldest_first() {
    Job big = created(Jobs.submitted().items(100));
    Job small = created(Jobs.submitted().items(1).at(T0.plusSeconds(1)));

    List<JobId> order = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      order.add(store.claim("w1", batch(10), T0, LEASE).orElseThrow().job().id());
    }

    assertThat(order).containsExactly(big.id(), small.id(), big.id());
  }

  @Test
  void a_job_that_had_a_turn_keeps_its_place_before_jobs_submitted_after_it() {
    // why: if every new job went before the jobs that had a turn, a steady stream of new jobs would starve the rest
    // of a job whose first batch was claimed, for as long as the stream lasts.
    Job big = created(Jobs.submitted().items(100));
    assertThat(store.claim("w1", batch(10), T0, LEASE).orElseThrow().job().id()).isEqualTo(big.id());
    Job later = created(Jobs.submitted().items(1).at(T0.plusSeconds(1)));
    Job latest = created(Jobs.submitted().items(1).at(T0.plusSeconds(2)));

    List<JobId> order = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      order.add(store.claim("w1", batch(10), T0.plusSeconds(3), LEASE).orElseThrow().job().id());
    }

    assertThat(order).containsExactly(big.id(), later.id(), latest.id());
  }

  @Test
  void a_closed_job_takes_its_turn_after_the_jobs_submitted_while_it_was_open() {
    Job open = created(Jobs.open());
    Job submitted = created(Jobs.submitted().items(1).at(T0.plusSeconds(1)));
    Job closed = open.close(1, open.billing(), 10, T0.plusSeconds(2));
    store.enqueue(closed, List.of("a"));

    List<JobId> order = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      order.add(store.claim("w1", batch(10), T0.plusSeconds(3), LEASE).orElseThrow().job().id());
    }

    assertThat(order).containsExactly(submitted.id(), open.id());
  }

  @Test
  void completions_move_the_counters_and_the_last_one_ends_the_job() {
    Job job = created(Jobs.submitted().items(3));
    store.claim("w1", batch(3), T0, LEASE);

    Completion partial = store.complete("w1", job.id(), List.of(new Outcome("item-1", ItemState.SUCCEEDED)), T0);
    Completion last = store.complete("w1", job.id(), List.of(new Outcome("item-2", ItemState.FAILED),
        new Outcome("item-3", ItemState.SUCCEEDED)), T0.plusSeconds(1));

    assertThat(partial.refused()).isEmpty();
    assertThat(partial.job().counters()).isEqualTo(new JobCounters(3, 0, 2, 1, 0));
    assertThat(last.job().status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(last.job().counters()).isEqualTo(new JobCounters(3, 0, 0, 2, 1));
    assertThat(store.find(job.id())).contains(last.job());
    assertThat(store.claim("w1", batch(3), T0, LEASE)).isEmpty();
  }

  @Test
  void a_job_whose_every_item_failed_ends_in_error() {
    Job job = created(Jobs.submitted().items(2));
    store.claim("w1", batch(2), T0, LEASE);

    Completion done = store.complete("w1", job.id(), List.of(new Outcome("item-1", ItemState.FAILED),
        new Outcome("item-2", ItemState.FAILED)), T0);

    assertThat(done.job().status()).isEqualTo(JobStatus.ERROR);
  }

  @Test
  void completion_without_the_lease_is_refused() {
    Job job = created(Jobs.submitted().items(2));
    store.claim("w1", batch(1), T0, LEASE);

    Completion byOther = store.complete("w2", job.id(), List.of(new Outcome("item-1", ItemState.SUCCEEDED)), T0);
    Completion unclaimed = store.complete("w1", job.id(), List.of(new Outcome("item-2", ItemState.SUCCEEDED)), T0);

    assertThat(byOther.refused()).containsExactly("item-1");
    assertThat(unclaimed.refused()).containsExactly("item-2");
    assertThat(store.find(job.id()).orElseThrow().counters()).isEqualTo(new JobCounters(2, 1, 1, 0, 0));
  }

  @Test
  void handed_back_items_are_claimed_again_before_new_ones() {
    Job job = created(Jobs.submitted().items(3));
    store.claim("w1", batch(2), T0, LEASE);

    Completion back = store.complete("w1", job.id(), List.of(new Outcome("item-2", ItemState.QUEUED)), T0);
    Claim again = store.claim("w2", batch(1), T0, LEASE).orElseThrow();

    assertThat(back.job().counters()).isEqualTo(new JobCounters(3, 2, 1, 0, 0));
    assertThat(again.items()).containsExactly("item-2");
  }

  @Test
  void claims_give_each_item_its_position_in_the_job_and_handed_back_ones_keep_theirs() {
    Job job = created(Jobs.submitted().items(4));
    Claim first = store.claim("w1", batch(2), T0, LEASE).orElseThrow();
    store.complete("w1", job.id(), List.of(first.outcome(1, ItemState.QUEUED)), T0);

    Claim again = store.claim("w2", batch(2), T0, LEASE).orElseThrow();

    assertThat(first.items()).containsExactly("item-1", "item-2");
    assertThat(first.positions()).containsExactly(0, 1);
    assertThat(again.items()).containsExactly("item-2", "item-3");
    assertThat(again.positions()).containsExactly(1, 2);
  }

  @Test
  void outcomes_by_position_count_and_one_whose_position_holds_another_item_is_refused() {
    Job job = created(Jobs.submitted().items(3));
    Claim claim = store.claim("w1", batch(3), T0, LEASE).orElseThrow();

    Completion wrong = store.complete("w1", job.id(), List.of(new Outcome("item-2", 0, ItemState.SUCCEEDED),
        new Outcome("item-3", 7, ItemState.SUCCEEDED)), T0);
    Completion right = store.complete("w1", job.id(), List.of(claim.outcome(0, ItemState.SUCCEEDED),
        claim.outcome(1, ItemState.FAILED), claim.outcome(2, ItemState.SUCCEEDED)), T0.plusSeconds(1));

    assertThat(wrong.refused()).containsExactlyInAnyOrder("item-2", "item-3");
    assertThat(wrong.job().counters()).isEqualTo(new JobCounters(3, 0, 3, 0, 0));
    assertThat(right.refused()).isEmpty();
    assertThat(right.job().status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(right.job().counters()).isEqualTo(new JobCounters(3, 0, 0, 2, 1));
  }

  @Test
  void a_completion_takes_the_items_still_held_and_refuses_one_ended_before_among_them() {
    Job job = created(Jobs.submitted().items(4));
    Claim claim = store.claim("w1", batch(4), T0, LEASE).orElseThrow();
    store.complete("w1", job.id(), List.of(claim.outcome(1, ItemState.SUCCEEDED)), T0);

    Completion rest = store.complete("w1", job.id(), List.of(claim.outcome(0, ItemState.SUCCEEDED),
        claim.outcome(1, ItemState.SUCCEEDED), claim.outcome(2, ItemState.SUCCEEDED),
        claim.outcome(3, ItemState.SUCCEEDED)), T0.plusSeconds(1));

    assertThat(rest.refused()).containsExactly("item-2");
    assertThat(rest.job().counters()).isEqualTo(new JobCounters(4, 0, 0, 4, 0));
    assertThat(rest.job().status()).isEqualTo(JobStatus.COMPLETED);
  }

  @Test
  void expired_leases_come_back_and_renewed_ones_do_not() {
    Job job = created(Jobs.submitted().items(2));
    store.claim("w1", batch(1), T0, LEASE);
    store.claim("w2", batch(1), T0, LEASE);

    Instant later = T0.plus(LEASE).minusSeconds(1);
    assertThat(store.renew("w2", later, LEASE)).isEqualTo(1);
    int recovered = store.recoverExpired(T0.plus(LEASE).plusSeconds(1));

    assertThat(recovered).isEqualTo(1);
    assertThat(store.find(job.id()).orElseThrow().counters()).isEqualTo(new JobCounters(2, 1, 1, 0, 0));
    Claim reclaimed = store.claim("w3", batch(5), T0.plus(LEASE).plusSeconds(1), LEASE).orElseThrow();
    assertThat(reclaimed.items()).containsExactly("item-1");
    Completion late = store.complete("w1", job.id(), List.of(new Outcome("item-1", ItemState.SUCCEEDED)), T0);
    assertThat(late.refused()).containsExactly("item-1");
  }

  @Test
  void a_late_completion_that_is_refused_leaves_the_claim_of_the_items_new_owner_whole() {
    Job job = created(Jobs.submitted().items(1));
    Claim first = store.claim("w1", batch(1), T0, LEASE).orElseThrow();
    Instant expired = T0.plus(LEASE).plusSeconds(1);
    assertThat(store.recoverExpired(expired)).isEqualTo(1);
    Claim again = store.claim("w2", batch(1), expired, LEASE).orElseThrow();

    Completion late = store.complete("w1", job.id(), List.of(first.outcome(0, ItemState.SUCCEEDED)), expired);
    Completion current = store.complete("w2", job.id(), List.of(again.outcome(0, ItemState.SUCCEEDED)), expired);

    assertThat(late.refused()).containsExactly("item-1");
    assertThat(current.refused()).isEmpty();
    assertThat(current.job().status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(current.job().counters()).isEqualTo(new JobCounters(1, 0, 0, 1, 0));
  }

  @Test
  void leases_this_store_took_are_no_former_life_of_their_node() {
    Job job = created(Jobs.submitted().items(2));
    store.claim("w1", batch(1), T0, LEASE);

    assertThat(store.handBackFormerLeases("w1", T0.plusSeconds(1))).isZero();
    assertThat(store.handBackFormerLeases("w2", T0.plusSeconds(1))).isZero();

    assertThat(store.find(job.id()).orElseThrow().counters()).isEqualTo(new JobCounters(2, 1, 1, 0, 0));
    assertThat(store.complete("w1", job.id(), List.of(new Outcome("item-1", ItemState.SUCCEEDED)), T0).refused())
        .isEmpty();
  }

  @Test
  void a_stopped_job_drops_its_work_and_refuses_late_completions() {
    Job job = created(Jobs.submitted().items(3));
    store.claim("w1", batch(1), T0, LEASE);
    Job running = store.find(job.id()).orElseThrow();

    Job canceled = running.cancel(T0.plusSeconds(1));
    store.stop(canceled);
    Completion late = store.complete("w1", job.id(), List.of(new Outcome("item-1", ItemState.SUCCEEDED)), T0);

    assertThat(late.refused()).containsExactly("item-1");
    assertThat(late.job()).isEqualTo(canceled);
    assertThat(store.find(job.id())).contains(canceled);
    assertThat(canceled.counters()).isEqualTo(new JobCounters(3, 3, 0, 0, 0));
    assertThat(store.claim("w1", batch(5), T0, LEASE)).isEmpty();
  }

  @Test
  void an_open_job_is_enqueued_when_closed() {
    Jobs open = Jobs.open();
    Job job = created(open);
    assertThat(store.itemNames(job.id())).isEmpty();

    Job closed = job.close(2, job.billing(), 10, T0.plusSeconds(1));
    store.enqueue(closed, List.of("a", "b"));

    assertThat(store.find(job.id())).contains(closed);
    assertThat(store.itemNames(job.id())).containsExactly("a", "b");
    assertThat(store.claim("w1", batch(5), T0, LEASE).orElseThrow().items()).containsExactly("a", "b");
  }

  @Test
  void overdue_lists_unfinished_jobs_past_their_deadline() {
    Job due = created(Jobs.submitted().timeout(Duration.ofSeconds(10)));
    created(Jobs.submitted().timeout(Duration.ofSeconds(100)));
    created(Jobs.open().timeout(Duration.ofSeconds(1)));

    assertThat(store.overdue(T0.plusSeconds(10), 10)).extracting(Job::id).containsExactly(due.id());
    assertThat(store.overdue(T0.plusSeconds(9), 10)).isEmpty();
  }

  @Test
  void of_two_threads_racing_to_end_a_job_exactly_one_wins() throws Exception {
    for (int round = 0; round < 50; round++) {
      Job job = created(Jobs.submitted().items(1));
      store.claim("w1", batch(1), T0, LEASE);
      Job running = store.find(job.id()).orElseThrow();
      Callable<Boolean> cancel = () -> tryStop(running.cancel(T0.plusSeconds(1)));
      Callable<Boolean> complete = () -> store.complete("w1", job.id(),
          List.of(new Outcome("item-1", ItemState.SUCCEEDED)), T0.plusSeconds(1)).refused().isEmpty();

      List<Boolean> wins = race(cancel, complete);

      assertThat(wins).containsOnlyOnce(true);
      Job ended = store.find(job.id()).orElseThrow();
      assertThat(ended.status()).isIn(JobStatus.CANCELED, JobStatus.COMPLETED);
      assertThat(ended.status() == JobStatus.COMPLETED).isEqualTo(wins.get(1));
    }
  }

  @Test
  void two_stops_of_the_same_version_store_exactly_one() throws Exception {
    for (int round = 0; round < 50; round++) {
      Job job = created(Jobs.submitted().items(1));
      List<Boolean> wins = race(() -> tryStop(job.cancel(T0)), () -> tryStop(job.timeOut(T0)));
      assertThat(wins).containsOnlyOnce(true);
    }
  }

  @Test
  void concurrent_claimers_never_get_the_same_item() throws Exception {
    int items = 2000;
    Job job = created(Jobs.submitted().items(items));
    Set<String> claimed = Collections.synchronizedSet(new HashSet<>());
    AtomicInteger duplicates = new AtomicInteger();
    List<Callable<Boolean>> claimers = new ArrayList<>();
    for (int w = 0; w < 4; w++) {
      String owner = "w" + w;
      claimers.add(() -> {
        Optional<Claim> claim;
        while ((claim = store.claim(owner, batch(7), T0, LEASE)).isPresent()) {
          for (String item : claim.get().items()) {
            if (!claimed.add(item)) {
              duplicates.incrementAndGet();
            }
          }
          store.complete(owner, job.id(), claim.get().items().stream()
              .map(item -> new Outcome(item, ItemState.SUCCEEDED)).toList(), T0);
        }
        return true;
      });
    }

    race(claimers);

    assertThat(duplicates).hasValue(0);
    assertThat(claimed).hasSize(items);
    Job done = store.find(job.id()).orElseThrow();
    assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(done.counters()).isEqualTo(new JobCounters(items, 0, 0, items, 0));
  }

  private boolean tryStop(Job stopped) {
    try {
      store.stop(stopped);
      return true;
    } catch (ConcurrentUpdateException e) {
      return false;
    }
  }

  private static <T> List<T> race(Callable<T> first, Callable<T> second) throws Exception {
    return race(List.of(first, second));
  }

  /** Runs the tasks on their own threads, started together, and answers their results in order. */
  private static <T> List<T> race(List<Callable<T>> tasks) throws Exception {
    java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(tasks.size());
    try (ExecutorService threads = Executors.newFixedThreadPool(tasks.size())) {
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> task : tasks) {
        futures.add(threads.submit(() -> {
          start.await();
          return task.call();
        }));
      }
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(30, java.util.concurrent.TimeUnit.SECONDS));
      }
      return results;
    }
  }
}
