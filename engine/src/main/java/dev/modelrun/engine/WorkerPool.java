package dev.modelrun.engine;

import dev.modelrun.core.model.InputData;
import dev.modelrun.core.model.InputItem;
import dev.modelrun.core.model.ItemFailure;
import dev.modelrun.core.model.ItemResult;
import dev.modelrun.core.model.ItemState;
import dev.modelrun.core.model.ItemSuccess;
import dev.modelrun.core.model.Job;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.model.JobStatus;
import dev.modelrun.core.model.JobType;
import dev.modelrun.core.model.ModelOutput;
import dev.modelrun.core.model.OutputValue;
import dev.modelrun.core.port.out.ItemModel;
import dev.modelrun.core.port.out.TabularModel;
import dev.modelrun.core.port.out.WorkQueue.Claim;
import dev.modelrun.core.port.out.WorkQueue.Completion;
import dev.modelrun.core.port.out.WorkQueue.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workers of an engine: virtual threads that claim batches of items, run the model on each under the model's
 * concurrency limit, save the results and complete them in one step: at the batch's end, and as it goes for a batch
 * that runs long. A worker interrupted by a cancel, a timeout or {@link #close} stops its batch and hands the
 * unfinished items back.
 */
final class WorkerPool {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);
  // why: a claim holds about this much work, so completions are batched for fast models without making a slow
  // model's items wait behind each other on one worker.
  private static final long BATCH_TARGET_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
  // why: a claim and its completion cost a store a few round trips and statements whatever their size; for a model
  // of a few microseconds per item, claims of 2,048 items spend a quarter of what claims of 512 did on them.
  private static final int MAX_BATCH = 2_048;
  // why: a claim's inputs are fetched this many items at a time, so the model runs on the first while later ones
  // would otherwise still be read: its results can then be reported before the whole claim has been read.
  private static final int FETCH_WINDOW = 256;
  // why: claims are sized by the model's time alone, so a claim whose inputs take long to read (S3 objects) can run
  // for far longer than BATCH_TARGET_NANOS; it reports what it has done at least this often, so its results come out
  // as they finish and its saves overlap the reads rather than all waiting for the claim's end.
  private static final long REPORT_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  private static final long ERROR_PAUSE_MILLIS = 100;
  // why: idle workers other than the one polling still look this many idleWaits apart, should no signal ever come.
  private static final int IDLE_WAITS_BETWEEN_LOOKS = 30;
  // why: with pauses growing to 2 s, about 3 minutes of a failing store.
  private static final int COMPLETE_ATTEMPTS = 100;

  private final EngineParts parts;
  private final JobLifecycle lifecycle;
  private final String node;
  private final Duration lease;
  private final Duration idleWait;
  private final WorkSignal signal = new WorkSignal();
  // why: of the idle workers, one at a time looks at the store every idleWait, for work no signal announced (queued by
  // another node); the others wait for a signal, which it gives when it finds work. Every idle worker looking on its
  // own made an idle node of 32 workers ask its store 32 times a second.
  private final AtomicBoolean polling = new AtomicBoolean();
  private final BatchRunner batches;
  private final List<Worker> workers = new ArrayList<>();
  private final ScheduledExecutorService timers;
  private volatile boolean closing;

  /** {@code timers} times each model call out (the model's run timeout); its tasks are short and never block. */
  WorkerPool(EngineParts parts, JobLifecycle lifecycle, String node, Duration lease, Duration idleWait, int size,
      ScheduledExecutorService timers) {
    this.parts = parts;
    this.timers = timers;
    this.lifecycle = lifecycle;
    this.node = node;
    this.lease = lease;
    this.idleWait = idleWait;
    this.batches = new BatchRunner(parts.files());
    for (int i = 0; i < size; i++) {
      workers.add(new Worker());
    }
  }

  void start() {
    for (int i = 0; i < workers.size(); i++) {
      Worker worker = workers.get(i);
      worker.thread = Thread.ofVirtual().name("modelrun-worker-" + i).unstarted(worker::loop);
      worker.thread.start();
    }
  }

  /** Whether every worker is alive and the pool is not closing. */
  boolean running() {
    return !closing && workers.stream().allMatch(worker -> worker.thread != null && worker.thread.isAlive());
  }

  /** Work may have arrived. */
  void signal() {
    signal.signal();
  }

  /** Interrupts the model calls running for this job (it was canceled or timed out). */
  void interrupt(JobId job) {
    workers.forEach(worker -> worker.interruptIfRunning(job));
  }

  /**
   * Stops claiming, interrupts running calls (their items are handed back) and waits for the workers to end. A worker
   * in a store call is not interrupted: it ends after the call (an interrupt there aborts a JDBC call half-way, and
   * H2 closes its file when a read or write is interrupted).
   */
  void close(Duration wait) throws InterruptedException {
    closing = true;
    signal.signal();
    workers.forEach(Worker::interruptForClose);
    long deadline = System.nanoTime() + wait.toNanos();
    for (Worker worker : workers) {
      long left = deadline - System.nanoTime();
      if (left <= 0 || !worker.thread.join(Duration.ofNanos(left))) {
        LOG.warn("worker {} did not stop within {}: a model ignores interrupts", worker.thread.getName(), wait);
      }
    }
  }

  /** One model call under its run timeout; {@code timedOut} is written under the worker's guard. */
  private static final class Call {
    private final long deadline;
    private boolean timedOut;

    private Call(long deadline) {
      this.deadline = deadline;
    }
  }

  private final class Worker {
    private final Object guard = new Object();
    private volatile Thread thread;
    private JobId running;
    // why: set by a stop of the running job; read between items, so a batch whose stop came before its calls could
    // be interrupted still runs no call.
    private volatile boolean stopRequested;
    // why: a stop interrupts only the model's work, never this worker's own store calls around it.
    private boolean interruptible;
    private Call call;
    // why: one timer per worker, not one per call: a timer armed for an earlier call fires no later than the next
    // call's deadline (the limit is the same, or the timer is armed again), so a call finds it armed and costs no
    // schedule and no cancel in the timers' queue, which every worker's calls would otherwise take turns at. When it
    // fires, the call then running (if any) times out, or the timer is armed again for that call's deadline.
    private ScheduledFuture<?> timer;
    private long timerAt;
    // why: the items of the running claim already completed, those a report took mid-claim (see runItems); the
    // lists of done items and outcomes hold those after them.
    private int reported;

    void interruptIfRunning(JobId job) {
      synchronized (guard) {
        if (job.equals(running)) {
          stopRequested = true;
          if (interruptible) {
            thread.interrupt();
          }
        }
      }
    }

    /** Interrupts the model call (or the wait for a model slot) this worker is in, if any; idle workers wake up. */
    void interruptForClose() {
      synchronized (guard) {
        if (interruptible) {
          thread.interrupt();
        }
      }
    }

    private boolean stopped() {
      return stopRequested || closing || Thread.currentThread().isInterrupted();
    }

    void loop() {
      boolean polled = false;
      while (!closing) {
        try {
          long seen = signal.generation();
          Optional<Claim> claim = parts.queue().claim(node,
              parts.models().batchSizes(BATCH_TARGET_NANOS, MAX_BATCH), parts.clock().instant(), lease);
          if (claim.isPresent()) {
            if (polled) {
              // why: found by looking, not announced: the other idle workers wait for this signal to look too.
              signal.signal();
            }
            polled = false;
            run(claim.get());
          } else if (polling.compareAndSet(false, true)) {
            try {
              signal.awaitChange(seen, idleWait.toNanos());
            } finally {
              polling.set(false);
            }
            // why: only a wait that ran out looks without a signal; one a signal ended woke the others already.
            polled = signal.generation() == seen;
          } else {
            polled = false;
            signal.awaitChange(seen, idleWait.toNanos() * IDLE_WAITS_BETWEEN_LOOKS);
          }
        } catch (InterruptedException e) {
          // why: an interrupt while idle is close(); the loop condition ends the worker.
          Thread.interrupted();
        } catch (RuntimeException e) {
          LOG.error("worker failed; it goes on", e);
          pause();
        }
      }
    }

    // why: a store that fails (a database down) must not turn the loop into a busy one.
    private void pause() {
      sleepQuietly(ERROR_PAUSE_MILLIS);
    }

    private void sleepQuietly(long millis) {
      try {
        TimeUnit.MILLISECONDS.sleep(millis);
      } catch (InterruptedException e) {
        Thread.interrupted();
      }
    }

    private void run(Claim claim) {
      Job job = claim.job();
      // why: published before anything that can wait (the job's lock below), so a stop that comes meanwhile finds
      // this worker; a stop that came before is seen in the store just below.
      synchronized (guard) {
        running = job.id();
        stopRequested = false;
        interruptible = false;
      }
      Optional<Job> current;
      if (claim.started()) {
        // why: read under the job's lock; a cancel that came in since the claim has announced the end already.
        current = parts.events().change(job.id(), () -> parts.jobs().find(job.id()), stored -> stored
            .filter(found -> !found.status().isTerminal())
            .ifPresent(parts.events()::started));
      } else {
        current = parts.jobs().find(job.id());
      }
      boolean ended = current.map(found -> found.status().isTerminal()).orElse(true);
      ModelRegistry.Entry entry = parts.models().entry(job.model());
      List<ItemResult> done = new ArrayList<>(claim.items().size());
      List<Outcome> outcomes = new ArrayList<>(claim.items().size());
      reported = 0;
      boolean acquired = false;
      String failure = null;
      boolean skip;
      synchronized (guard) {
        // why: the job ended before its calls could be interrupted: none runs, the items are handed back.
        skip = ended || stopRequested;
        interruptible = !skip;
      }
      try {
        if (!skip) {
          entry.slots.acquire();
          acquired = true;
          switch (entry.model) {
            case TabularModel tabular -> {
              long began = System.nanoTime();
              failure = runBatches(entry, tabular, job, claim, done, outcomes);
              entry.observe(System.nanoTime() - began, done.size());
            }
            case ItemModel model -> runItems(entry, model, job, claim, done, outcomes);
          }
        }
      } catch (InterruptedException e) {
        // why: interrupted while waiting for a slot: nothing ran, everything is handed back below.
      } finally {
        if (acquired) {
          boolean saturated = entry.slots.availablePermits() == 0;
          entry.slots.release();
          if (saturated) {
            // why: workers that found this model saturated wait for a change; its first free slot is one.
            signal.signal();
          }
        }
        synchronized (guard) {
          running = null;
          interruptible = false;
        }
        // why: an interrupt meant for this batch must not reach the store calls below or the next batch.
        Thread.interrupted();
      }
      handBack(job.id(), claim, done, outcomes, failure);
    }

    private void handBack(JobId job, Claim claim, List<ItemResult> done, List<Outcome> outcomes, String failure) {
      for (int i = reported + outcomes.size(); i < claim.items().size(); i++) {
        outcomes.add(claim.outcome(i, ItemState.QUEUED));
      }
      if (failure != null) {
        // why: after running is cleared, so the stop does not interrupt this worker's own store calls below.
        lifecycle.fail(job, failure);
      }
      complete(job, done, outcomes);
    }

    /**
     * Runs batches of records of a structured job, each through the model and into its part of the output file.
     *
     * @return why the job fails, when a batch failed (the job then ends at once: its output would lack rows)
     */
    private String runBatches(ModelRegistry.Entry entry, TabularModel model, Job job, Claim claim,
        List<ItemResult> done, List<Outcome> outcomes) {
      for (int i = 0; i < claim.items().size(); i++) {
        String item = claim.items().get(i);
        if (stopped()) {
          return null;
        }
        Instant start = parts.clock().instant();
        RecordBatch batch = RecordBatch.parse(item);
        try {
          long latency = batches.run(model, entry.descriptor, job.id(), batch);
          done.add(new ItemSuccess(item, start, later(start), Duration.ofNanos(latency), Map.of()));
          outcomes.add(claim.outcome(i, ItemState.SUCCEEDED));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return null;
        } catch (Exception e) {
          if (Thread.currentThread().isInterrupted() || closing) {
            return null;
          }
          return "rows " + batch.firstRow() + "-" + batch.lastRow() + ": " + message(e);
        }
      }
      return null;
    }

    /**
     * Runs the model on the items of a claim, their inputs fetched together a window at a time: one item per call, or
     * as many as the model's {@link ItemModel#batchSize} per call. Claims of the model are then sized by the time of
     * its calls alone, which include what they read of inputs left to be read when opened. A claim that has run for
     * {@link #REPORT_NANOS} reports what it has done (see {@link #report}) before its next window.
     */
    private void runItems(ModelRegistry.Entry entry, ItemModel model, Job job, Claim claim,
        List<ItemResult> done, List<Outcome> outcomes) {
      List<String> items = claim.items();
      int callSize = model.batchSize();
      // why: whole calls, at least one, so no call of a model that takes batches is cut by a window's end.
      int window = callSize * Math.max(1, FETCH_WINDOW / callSize);
      long reportAt = System.nanoTime() + REPORT_NANOS;
      long modelNanos = 0;
      int ran = 0;
      try {
        for (int start = 0; start < items.size(); start += window) {
          if (stopped()) {
            return;
          }
          int end = Math.min(items.size(), start + window);
          // why: a store that keeps inputs as references opens a window's together, and may fetch them at once; a
          // fetch counted as model time would size the next claims of small objects to one item each.
          Map<String, InputItem> inputs = parts.inputs().items(job.id(), items.subList(start, end));
          for (int from = start; from < end; from += callSize) {
            if (stopped()) {
              return;
            }
            int to = Math.min(end, from + callSize);
            long latency = runCall(entry, model, job, claim, from, to, inputs, done, outcomes);
            if (latency < 0) {
              return;
            }
            modelNanos += latency;
            ran += latency > 0 ? to - from : 0;
          }
          if (end < items.size() && System.nanoTime() - reportAt >= 0) {
            report(job.id(), done, outcomes);
            reportAt = System.nanoTime() + REPORT_NANOS;
          }
        }
      } finally {
        entry.observe(modelNanos, ran);
      }
    }

    /**
     * Completes the claim's items done so far, mid-claim, as {@link #handBack} completes the rest: the worker keeps the
     * claim's other items and its model slot. Its own store calls are not interruptible; a stop that comes meanwhile is
     * seen before the next call.
     */
    private void report(JobId job, List<ItemResult> done, List<Outcome> outcomes) {
      synchronized (guard) {
        interruptible = false;
      }
      // why: an interrupt that came before the line above (a stop's or a close's) would abort the store calls below
      // half-way; it is set again after them, for stopped() to see.
      boolean interrupted = Thread.interrupted();
      complete(job, List.copyOf(done), List.copyOf(outcomes));
      reported += outcomes.size();
      done.clear();
      outcomes.clear();
      synchronized (guard) {
        interruptible = !stopRequested;
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }

    /**
     * Runs one call of the model: one item, or several of a model that takes batches; every item of the call shares
     * its fate. Results are added in item order only once the call is over, so a stop hands the whole call back.
     *
     * @return the nanoseconds the model's call took (0 when it was not called), or -1 when the call was stopped and the
     *     items of this call and those after it go back to the queue
     */
    private long runCall(ModelRegistry.Entry entry, ItemModel model, Job job, Claim claim, int from, int to,
        Map<String, InputItem> fetched, List<ItemResult> done, List<Outcome> outcomes) {
      List<String> batch = claim.items().subList(from, to);
      Instant start = parts.clock().instant();
      // why: by the item's place in the call; the items whose inputs are found run, at these places.
      ItemResult[] results = new ItemResult[batch.size()];
      int[] ready = new int[batch.size()];
      int readyCount = 0;
      List<Map<String, InputData>> inputs = new ArrayList<>(batch.size());
      for (int i = 0; i < results.length; i++) {
        String item = batch.get(i);
        InputItem input = fetched.get(item);
        if (input == null) {
          results[i] = new ItemFailure(item, start, start, "the inputs of item " + item + " are no longer available");
        } else {
          ready[readyCount++] = i;
          inputs.add(input.inputs());
        }
      }
      long latency = 0;
      if (readyCount > 0) {
        Duration limit = entry.descriptor.timeouts().run();
        long began = System.nanoTime();
        Call call = startCall(limit);
        List<Map<String, OutputValue>> outputs = null;
        Throwable error = null;
        try {
          // why: ItemModel.runBatch is for models that take batches; a model of one item per call runs through run.
          outputs = model.batchSize() == 1 ? Collections.singletonList(model.run(inputs.getFirst(), job.explain()))
              : model.runBatch(inputs, job.explain());
        } catch (Exception | LinkageError | AssertionError | StackOverflowError e) {
          // why: a model's own error (a missing class, a failed assertion, runaway recursion) fails its items; it
          // must not kill the worker and strand the claim.
          error = e;
        } finally {
          endCall();
        }
        latency = Math.max(1, System.nanoTime() - began);
        String failure = null;
        if (call.timedOut) {
          // why: that interrupt was the timeout's, for that call only; a stop or close is still seen by stopped().
          Thread.interrupted();
          if (stopRequested || closing) {
            return -1;
          }
          failure = "model call timed out after " + limit.toMillis() + " ms";
        } else if (error instanceof InterruptedException) {
          Thread.currentThread().interrupt();
          return -1;
        } else if (error != null) {
          if (Thread.currentThread().isInterrupted() || closing) {
            // why: the call failed because it was stopped (a cancel, a timeout, close), not because of its items.
            return -1;
          }
          failure = message(error);
        } else if (outputs == null || outputs.size() != readyCount) {
          failure = "model " + entry.descriptor.ref() + " gave " + (outputs == null ? "no" : outputs.size())
              + " results for " + readyCount + " items";
        }
        // why: the items of a call end together; one end and one latency serve them all.
        Instant end = later(start);
        Duration took = Duration.ofNanos(latency);
        for (int r = 0; r < readyCount; r++) {
          String item = batch.get(ready[r]);
          results[ready[r]] = failure != null ? new ItemFailure(item, start, end, failure)
              : success(entry, item, start, end, took, outputs.get(r));
        }
      }
      for (int i = 0; i < results.length; i++) {
        done.add(results[i]);
        outcomes.add(claim.outcome(from + i, results[i] instanceof ItemSuccess ? ItemState.SUCCEEDED
            : ItemState.FAILED));
      }
      return latency;
    }

    /** Arms the model's run timeout for the call about to start: past it, the call is interrupted. */
    private Call startCall(Duration limit) {
      Call call = new Call(System.nanoTime() + limit.toNanos());
      synchronized (guard) {
        this.call = call;
        if (timer == null || timerAt - call.deadline > 0) {
          arm(call.deadline);
        }
      }
      return call;
    }

    /** Under the guard: the timer fires at {@code at} (nanoTime), instead of when it was to fire. */
    private void arm(long at) {
      if (timer != null) {
        timer.cancel(false);
        timer = null;
      }
      try {
        timer = timers.schedule(() -> timerFired(at), Math.max(0, at - System.nanoTime()), TimeUnit.NANOSECONDS);
        timerAt = at;
      } catch (RejectedExecutionException e) {
        LOG.debug("engine closing; this call is not timed");
      }
    }

    private void timerFired(long at) {
      synchronized (guard) {
        if (timer == null || timerAt != at) {
          // why: a timer replaced while it was firing; the one that replaced it is armed.
          return;
        }
        timer = null;
        if (call == null) {
          return;
        }
        if (System.nanoTime() - call.deadline >= 0) {
          call.timedOut = true;
          thread.interrupt();
        } else {
          arm(call.deadline);
        }
      }
    }

    /** After it, the call's {@code timedOut} no longer changes. */
    private void endCall() {
      synchronized (guard) {
        this.call = null;
      }
    }

    private static String message(Throwable e) {
      return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }

    private ItemResult success(ModelRegistry.Entry entry, String item, Instant start, Instant end, Duration latency,
        Map<String, OutputValue> outputs) {
      for (ModelOutput output : entry.descriptor.outputs()) {
        if (outputs == null || !outputs.containsKey(output.name())) {
          return new ItemFailure(item, start, end, "model " + entry.descriptor.ref() + " gave no output '"
              + output.name() + "'");
        }
      }
      return new ItemSuccess(item, start, end, latency, outputs);
    }

    private Instant later(Instant start) {
      Instant now = parts.clock().instant();
      return now.isBefore(start) ? start : now;
    }

    private void complete(JobId job, List<ItemResult> done, List<Outcome> outcomes) {
      // why: a claim whose completion is lost stays leased to this live node, renewed by its heartbeat, so its items
      // would never run again: a store that fails now (a connection lost, a database restarting) is asked again.
      for (int attempt = 1; ; attempt++) {
        try {
          completeOnce(job, done, outcomes);
          break;
        } catch (RuntimeException e) {
          if (closing || attempt >= COMPLETE_ATTEMPTS) {
            // why: closing, the items go back when this node's heartbeat stops; otherwise the store has been failing
            // for minutes and the items wait for this node's restart (it hands its former leases back).
            LOG.error("completing {} items of job {} failed {} times; given up", outcomes.size(), job, attempt, e);
            break;
          }
          LOG.warn("completing {} items of job {} failed; trying again", outcomes.size(), job, e);
          sleepQuietly(Math.min(2_000, ERROR_PAUSE_MILLIS * attempt));
        }
      }
      if (outcomes.size() > done.size()) {
        signal.signal();
      }
    }

    private void completeOnce(JobId job, List<ItemResult> done, List<Outcome> outcomes) {
      List<ItemResult> accepted = new ArrayList<>(done.size());
      // why: the results are saved beside the other workers of the job (the costly part), and only the completions,
      // which decide what counts, take turns. A stop of this engine waits for both, so it never comes in between
      // and a stopped job never shows results its counters do not count.
      parts.events().prepareThenChange(job, () -> save(job, done), saved -> complete(job, saved, done, outcomes),
          result -> {
            for (ItemResult item : done) {
              if (!result.refused().contains(item.item())) {
                accepted.add(item);
              }
            }
            if (!accepted.isEmpty()) {
              if (result.job().status().isTerminal()) {
                // why: before itemsDone wakes those awaiting the end, so they find its retention already set.
                lifecycle.ended(result.job());
              }
              parts.events().itemsDone(result.job(), accepted);
            }
          });
    }

    /** Saves the results unless the job has ended; says whether it saved them. */
    private boolean save(JobId job, List<ItemResult> done) {
      boolean running = parts.jobs().find(job).map(current -> !current.status().isTerminal()).orElse(false);
      if (running && !done.isEmpty()) {
        parts.results().save(job, done);
      }
      return running;
    }

    private Completion complete(JobId job, boolean saved, List<ItemResult> done, List<Outcome> outcomes) {
      Completion completion = parts.queue().complete(node, job, outcomes, parts.clock().instant());
      Job after = completion.job();
      if (saved && after.status().isTerminal() && after.status() != JobStatus.COMPLETED
          && !completion.refused().isEmpty()) {
        // why: the job stopped elsewhere while these items ran; their results must not show in it. (A job that
        // completed elsewhere has a result for every item, written by whoever's completion counted: keep it.)
        parts.results().delete(job, done.stream().map(ItemResult::item)
            .filter(completion.refused()::contains).toList());
      }
      if (after.type() == JobType.STRUCTURED && after.status().isTerminal() && after.status() != JobStatus.COMPLETED
          && !done.isEmpty()) {
        // why: parts this claim wrote after the job stopped would otherwise outlive it.
        parts.files().ended(job, false);
      }
      return completion;
    }
  }
}
