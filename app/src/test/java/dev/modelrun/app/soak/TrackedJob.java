package dev.modelrun.app.soak;

import java.time.Duration;
import java.util.Locale;

/**
 * A job the server accepted, followed by the pollers until it ends and its results are checked. Written by one
 * poller at a time (the tracker never polls a job twice at once), read by the report.
 */
final class TrackedJob {
  /** Where a job stands for the harness. */
  enum State { RUNNING, CORRECT, WRONG, LOST }

  final String id;
  final Client client;
  final Submission submission;
  final String phase;
  final long acceptedNanos;
  private volatile State state = State.RUNNING;
  private volatile String problem = "";
  private volatile String lastStatus = "(not polled yet)";
  private volatile Duration turnaround = Duration.ZERO;
  volatile long nextPollNanos;

  TrackedJob(String id, Client client, Submission submission, String phase, long acceptedNanos) {
    this.id = id;
    this.client = client;
    this.submission = submission;
    this.phase = phase;
    this.acceptedNanos = acceptedNanos;
    this.nextPollNanos = acceptedNanos + Tracker.FIRST_POLL_NANOS;
  }

  State state() {
    return state;
  }

  String problem() {
    return problem;
  }

  String lastStatus() {
    return lastStatus;
  }

  /** From the server's submittedAt to its finishedAt. */
  Duration turnaround() {
    return turnaround;
  }

  void polled(String status) {
    lastStatus = status;
  }

  void correct(Duration serverTurnaround) {
    turnaround = serverTurnaround;
    state = State.CORRECT;
  }

  void wrong(String why) {
    problem = why;
    state = State.WRONG;
  }

  void lost(String why) {
    problem = why;
    state = State.LOST;
  }

  String describe() {
    return submission.kind().name().toLowerCase(Locale.ROOT) + " job " + id + " (" + submission.size()
        + (submission instanceof Submission.CsvJob ? " rows" : " items") + ", " + phase + ")";
  }
}
