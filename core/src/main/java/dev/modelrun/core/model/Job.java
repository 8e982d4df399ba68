package dev.modelrun.core.model;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.modelrun.core.billing.Billing;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A job: what runs (model, options), whose it is, how its work stands and what it costs. Immutable; every change
 * returns a new {@code Job} with {@code version + 1}, so stores can update conditionally on the version they read.
 *
 * <p>{@code submittedAt} is {@code null} while the job is {@code OPEN}; {@code startedAt} until work first runs;
 * {@code finishedAt} until the job is terminal. Use the {@code Optional} accessors ({@link #submitted()}, {@link
 * #started()}, {@link #finished()}) to read them. {@code errorMessage} is empty unless the job failed as a whole.
 */
public record Job(
    JobId id,
    String name,
    CallerIdentity owner,
    ModelRef model,
    String modelName,
    JobType type,
    InputDescription input,
    JobStatus status,
    boolean explain,
    Duration timeout,
    int hoursDeleteInput,
    int priority,
    JobCounters counters,
    Billing billing,
    long inputByteAmount,
    String errorMessage,
    Instant createdAt,
    Instant submittedAt,
    Instant startedAt,
    Instant finishedAt,
    Instant updatedAt,
    long version) {

  /** The longest job name accepted. */
  public static final int MAX_NAME_LENGTH = 256;

  public Job {
    requireNonNull(id, "id");
    requireNonNull(name, "name");
    requireNonNull(owner, "owner");
    requireNonNull(model, "model");
    requireNonNull(modelName, "modelName");
    requireNonNull(type, "type");
    requireNonNull(input, "input");
    requireNonNull(status, "status");
    requireNonNull(timeout, "timeout");
    requireNonNull(counters, "counters");
    requireNonNull(billing, "billing");
    requireNonNull(errorMessage, "errorMessage");
    requireNonNull(createdAt, "createdAt");
    requireNonNull(updatedAt, "updatedAt");
    checkName(name);
    checkArgument(timeout.isPositive(), "timeout must be positive but was %s", timeout);
    checkArgument(hoursDeleteInput >= 0, "hoursDeleteInput must be >= 0 but was %s", hoursDeleteInput);
    checkArgument(inputByteAmount >= 0, "inputByteAmount must be >= 0 but was %s", inputByteAmount);
    checkArgument(version >= 0, "version must be >= 0 but was %s", version);
    checkArgument(status != JobStatus.OPEN || submittedAt == null, "an open job has no submittedAt");
    checkArgument(submittedAt != null || status == JobStatus.OPEN || status == JobStatus.CANCELED,
        "a job that left OPEN for anything but CANCELED has submittedAt");
    checkArgument(startedAt == null || submittedAt != null, "a started job was submitted");
    checkArgument(finishedAt == null || status.isTerminal(), "only a terminal job has finishedAt");
    checkArgument(finishedAt != null || !status.isTerminal(), "a terminal job has finishedAt");
  }

  /** A job that takes its inputs now and is ready to run: {@code SUBMITTED}, version 0. */
  public static Job submitted(JobId id, JobSpec spec, CallerIdentity owner, ModelDescriptor model,
      InputDescription input, long workUnits, Billing billing, long inputByteAmount, Instant at) {
    checkArgument(workUnits > 0, "a submitted job needs at least one unit of work");
    return new Job(id, spec.nameOr(id.value()), owner, model.ref(), model.name(),
        model.isTabular() ? JobType.STRUCTURED : JobType.BATCH, input, JobStatus.SUBMITTED, spec.explain(),
        spec.timeout(), spec.hoursDeleteInput(), spec.priority(), JobCounters.pending(workUnits), billing,
        inputByteAmount, "", at, at, null, null, at, 0);
  }

  /** A job open for chunked inputs ({@code OPEN}, version 0), submitted later by {@link #close}. */
  public static Job open(JobId id, JobSpec spec, CallerIdentity owner, ModelDescriptor model, Instant at) {
    return new Job(id, spec.nameOr(id.value()), owner, model.ref(), model.name(), JobType.BATCH,
        InputDescription.of("chunked"), JobStatus.OPEN, spec.explain(), spec.timeout(), spec.hoursDeleteInput(),
        spec.priority(), JobCounters.pending(0), Billing.of(0, model.pricing()), 0, "", at, null, null, null, at,
        0);
  }

  /**
   * Submits an open job with the items its chunks built.
   *
   * @throws IllegalTransitionException when the job is not {@code OPEN}
   */
  public Job close(long workUnits, Billing closedBilling, long inputBytes, Instant at) {
    requireMove(JobStatus.SUBMITTED);
    checkArgument(workUnits > 0, "a submitted job needs at least one unit of work");
    return new Job(id, name, owner, model, modelName, type, input, JobStatus.SUBMITTED, explain, timeout,
        hoursDeleteInput, priority, JobCounters.pending(workUnits), closedBilling, inputBytes, errorMessage,
        createdAt, at, startedAt, finishedAt, at, version + 1);
  }

  /**
   * {@code count} units of work start running; the first start moves the job to {@code IN_PROGRESS}.
   *
   * @throws IllegalTransitionException when the job is not running (open or terminal)
   */
  public Job start(long count, Instant at) {
    JobStatus next = status == JobStatus.SUBMITTED ? JobStatus.IN_PROGRESS : status;
    if (status != JobStatus.IN_PROGRESS) {
      requireMove(JobStatus.IN_PROGRESS);
    }
    return new Job(id, name, owner, model, modelName, type, input, next, explain, timeout, hoursDeleteInput,
        priority, counters.start(count), billing, inputByteAmount, errorMessage, createdAt, submittedAt,
        startedAt == null ? at : startedAt, finishedAt, at, version + 1);
  }

  /**
   * Running work ends: {@code succeeded} units completed and {@code failed} units failed. When that was the last of
   * the work, the job becomes {@code COMPLETED}, or {@code ERROR} when all of it failed.
   *
   * @throws IllegalTransitionException when the job is not in progress (a late result of a canceled job)
   */
  public Job finishWork(long succeeded, long failed, Instant at) {
    if (status != JobStatus.IN_PROGRESS) {
      throw new IllegalTransitionException(id, status, JobStatus.COMPLETED);
    }
    JobCounters next = counters.finish(succeeded, failed);
    JobStatus nextStatus = next.isDone() ? JobStatus.outcomeOf(next) : status;
    String message = nextStatus == JobStatus.ERROR && errorMessage.isEmpty() ? "every item failed" : errorMessage;
    return new Job(id, name, owner, model, modelName, type, input, nextStatus, explain, timeout, hoursDeleteInput,
        priority, next, billing, inputByteAmount, message, createdAt, submittedAt, startedAt,
        nextStatus.isTerminal() ? at : null, at, version + 1);
  }

  /**
   * A batch of running work ends at once, as one change ({@code version + 1}): {@code requeued} units go back to
   * pending, then {@code succeeded} complete and {@code failed} fail, as {@link #requeue} and {@link #finishWork} say.
   * Nothing changes (the same job comes back) when all three are zero.
   *
   * @throws IllegalTransitionException when work ends on a job that is not in progress
   */
  public Job endWork(long succeeded, long failed, long requeued, Instant at) {
    if (succeeded + failed + requeued == 0) {
      return this;
    }
    Job after = requeued > 0 ? requeue(requeued, at) : this;
    if (succeeded + failed > 0) {
      after = after.finishWork(succeeded, failed, at);
    }
    return new Job(id, name, owner, model, modelName, type, input, after.status, explain, timeout, hoursDeleteInput,
        priority, after.counters, billing, inputByteAmount, after.errorMessage, createdAt, submittedAt, after.startedAt,
        after.finishedAt, after.updatedAt, version + 1);
  }

  /**
   * Running work goes back to pending (a lost lease), to be claimed again.
   *
   * @throws IllegalTransitionException when the job has ended (a lease lost after a cancel): nothing runs again
   */
  public Job requeue(long count, Instant at) {
    if (status.isTerminal()) {
      throw new IllegalTransitionException(id, status, JobStatus.IN_PROGRESS);
    }
    return new Job(id, name, owner, model, modelName, type, input, status, explain, timeout, hoursDeleteInput,
        priority, counters.requeue(count), billing, inputByteAmount, errorMessage, createdAt, submittedAt, startedAt,
        finishedAt, at, version + 1);
  }

  /** The client canceled the job: {@code CANCELED}; unfinished work stays counted as pending and never runs. */
  public Job cancel(Instant at) {
    return stop(JobStatus.CANCELED, "", at);
  }

  /** The job ran past its timeout: {@code TIMEDOUT}; unfinished work stays counted as pending and never runs. */
  public Job timeOut(Instant at) {
    return stop(JobStatus.TIMEDOUT, "job timed out after " + timeout.toMillis() + " ms", at);
  }

  /**
   * The job failed as a whole (its input could not be read, say): {@code ERROR} with the reason.
   *
   * @throws IllegalTransitionException when the job is not {@code IN_PROGRESS}
   */
  public Job fail(String reason, Instant at) {
    requireMove(JobStatus.ERROR);
    checkArgument(!reason.isBlank(), "a failed job needs a reason");
    return stop(JobStatus.ERROR, reason, at);
  }

  private Job stop(JobStatus next, String message, Instant at) {
    requireMove(next);
    return new Job(id, name, owner, model, modelName, type, input, next, explain, timeout, hoursDeleteInput,
        priority, counters.requeue(counters.inProgress()), billing, inputByteAmount, message, createdAt,
        submittedAt, startedAt, at, at, version + 1);
  }

  /** The job under a new name (1 to 256 characters); nothing else changes, billing included. */
  public Job rename(String newName, Instant at) {
    checkName(newName);
    return new Job(id, newName, owner, model, modelName, type, input, status, explain, timeout, hoursDeleteInput,
        priority, counters, billing, inputByteAmount, errorMessage, createdAt, submittedAt, startedAt, finishedAt,
        at, version + 1);
  }

  public Optional<Instant> submitted() {
    return Optional.ofNullable(submittedAt);
  }

  public Optional<Instant> started() {
    return Optional.ofNullable(startedAt);
  }

  public Optional<Instant> finished() {
    return Optional.ofNullable(finishedAt);
  }

  /** Time from submission to the first start (or to {@code now}, or to the end if it never started). */
  public Duration queueTime(Instant now) {
    if (submittedAt == null) {
      return Duration.ZERO;
    }
    Instant until = startedAt != null ? startedAt : finishedAt != null ? finishedAt : now;
    return nonNegative(Duration.between(submittedAt, until));
  }

  /** Time from the first start to the end (or to {@code now} while it runs); zero if it never started. */
  public Duration elapsedTime(Instant now) {
    if (startedAt == null) {
      return Duration.ZERO;
    }
    return nonNegative(Duration.between(startedAt, finishedAt != null ? finishedAt : now));
  }

  /** When the job's inputs may be deleted: {@code hoursDeleteInput} hours after it ended; empty while it runs. */
  public Optional<Instant> inputsExpireAt() {
    return finished().map(end -> end.plus(Duration.ofHours(hoursDeleteInput)));
  }

  /** The moment the job times out: {@code timeout} after submission; empty while open. */
  public Optional<Instant> deadline() {
    return submitted().map(at -> at.plus(timeout));
  }

  private void requireMove(JobStatus next) {
    if (!status.canMoveTo(next)) {
      throw new IllegalTransitionException(id, status, next);
    }
  }

  private static void checkName(String name) {
    if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
      throw new InvalidInputException("name must be 1 to " + MAX_NAME_LENGTH + " characters but was "
          + name.length());
    }
  }

  private static Duration nonNegative(Duration duration) {
    return duration.isNegative() ? Duration.ZERO : duration;
  }
}
