package dev.modelrun.core.model;

/**
 * The life of a job. {@code OPEN} jobs take chunked inputs until closed; work runs while {@code SUBMITTED} or
 * {@code IN_PROGRESS}; the four last statuses are terminal and never change.
 */
public enum JobStatus {
  OPEN,
  SUBMITTED,
  IN_PROGRESS,
  COMPLETED,
  ERROR,
  CANCELED,
  TIMEDOUT;

  /** The allow-list of transitions; every status is placed explicitly, so a new one fails to compile until placed. */
  public boolean canMoveTo(JobStatus next) {
    return switch (this) {
      case OPEN -> next == SUBMITTED || next == CANCELED;
      case SUBMITTED -> next == IN_PROGRESS || next == CANCELED || next == TIMEDOUT;
      case IN_PROGRESS -> next == COMPLETED || next == ERROR || next == CANCELED || next == TIMEDOUT;
      case COMPLETED, ERROR, CANCELED, TIMEDOUT -> false;
    };
  }

  public boolean isTerminal() {
    return switch (this) {
      case OPEN, SUBMITTED, IN_PROGRESS -> false;
      case COMPLETED, ERROR, CANCELED, TIMEDOUT -> true;
    };
  }

  /**
   * The status a job ends in once all its work is done: {@code ERROR} when every item failed, else {@code COMPLETED}
   * (some failed items still make a completed job, with {@code failed > 0}).
   */
  public static JobStatus outcomeOf(JobCounters counters) {
    if (!counters.isDone()) {
      throw new IllegalStateException("work is still outstanding: " + counters);
    }
    return counters.total() > 0 && counters.failed() == counters.total() ? ERROR : COMPLETED;
  }
}
