package dev.modelrun.core.model;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * How a job's work stands. Always {@code total = pending + inProgress + completed + failed}; every change moves work
 * from one bucket to the next, never creates or loses it.
 */
public record JobCounters(long total, long pending, long inProgress, long completed, long failed) {
  public JobCounters {
    checkArgument(pending >= 0 && inProgress >= 0 && completed >= 0 && failed >= 0,
        "counters must not be negative: pending=%s inProgress=%s completed=%s failed=%s",
        pending, inProgress, completed, failed);
    // why: four large buckets can wrap around in long arithmetic and still equal a wrapped total.
    checkArgument(fitsLong(pending, inProgress, completed, failed),
        "counters overflow: pending=%s inProgress=%s completed=%s failed=%s", pending, inProgress, completed, failed);
    checkArgument(total == pending + inProgress + completed + failed,
        "total %s must equal pending %s + inProgress %s + completed %s + failed %s",
        total, pending, inProgress, completed, failed);
  }

  /** All {@code total} units of work pending. */
  public static JobCounters pending(long total) {
    checkArgument(total >= 0, "total must be >= 0 but was %s", total);
    return new JobCounters(total, total, 0, 0, 0);
  }

  /** {@code count} pending units start running. */
  public JobCounters start(long count) {
    checkArgument(count >= 0 && count <= pending, "cannot start %s of %s pending", count, pending);
    return new JobCounters(total, pending - count, inProgress + count, completed, failed);
  }

  /** Running units end: {@code succeeded} completed and {@code failedCount} failed. */
  public JobCounters finish(long succeeded, long failedCount) {
    checkArgument(succeeded >= 0 && failedCount >= 0, "finished counts must not be negative");
    checkArgument(succeeded + failedCount <= inProgress,
        "cannot finish %s + %s of %s in progress", succeeded, failedCount, inProgress);
    return new JobCounters(total, pending, inProgress - succeeded - failedCount, completed + succeeded,
        failed + failedCount);
  }

  /** Running units go back to pending: their lease was lost, or the job was stopped before they finished. */
  public JobCounters requeue(long count) {
    checkArgument(count >= 0 && count <= inProgress, "cannot requeue %s of %s in progress", count, inProgress);
    return new JobCounters(total, pending + count, inProgress - count, completed, failed);
  }

  private static boolean fitsLong(long... buckets) {
    try {
      long sum = 0;
      for (long bucket : buckets) {
        sum = Math.addExact(sum, bucket);
      }
      return sum >= 0;
    } catch (ArithmeticException e) {
      return false;
    }
  }

  /** True when nothing is pending or running. */
  public boolean isDone() {
    return pending == 0 && inProgress == 0;
  }
}
