package dev.modelrun.app.soak;

import dev.modelrun.app.soak.Latencies.Percentiles;
import dev.modelrun.app.soak.Sampler.Sample;
import dev.modelrun.app.soak.SoakSettings.Mode;
import dev.modelrun.app.soak.Submission.Kind;
import dev.modelrun.app.soak.TrackedJob.State;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;

/** The summary at the end of a run: what was sent and what came back, the time series, and PASS/FAIL per target. */
final class Report {
  static final long P99_TARGET_NANOS = Duration.ofMillis(50).toNanos();

  /** Everything a run measured. */
  record Figures(
      SoakSettings settings,
      Calibration calibration,
      double loadRate,
      List<SubmitStats> phases,
      SubmitStats load,
      ServerLatency serverLatency,
      JobChecker checker,
      List<TrackedJob> jobs,
      List<Sample> samples,
      HeapTrend heap,
      List<String> historyMismatches,
      double serverErrors,
      String loadAverages) {}

  /** The measured maximum: accepted submits and finished jobs per second under the closed loop. */
  record Calibration(double acceptedPerSecond, double finishedPerSecond, double maxRate, boolean measured) {}

  /** One target of the issue and whether the run met it. */
  record Target(String name, String measured, boolean passed) {}

  private final Figures figures;
  private final PrintStream out;

  Report(Figures figures, PrintStream out) {
    this.figures = figures;
    this.out = out;
  }

  /** Prints the report; true when every target passed. */
  boolean print() {
    SoakSettings settings = figures.settings();
    out.println();
    out.println("== ModelRun soak report: " + settings.describe());
    out.println("load average (1, 5, 15 min) during the run: " + figures.loadAverages());
    Calibration calibration = figures.calibration();
    out.println(calibration.measured()
        ? String.format(Locale.ROOT, "calibration (closed loop, %d senders, %s): %s submits accepted, %s jobs "
            + "finished -> maximum %s", 2 * settings.clients(), Format.duration(settings.calibration()),
            Format.rate(calibration.acceptedPerSecond()), Format.rate(calibration.finishedPerSecond()),
            Format.rate(calibration.maxRate()))
        : "maximum given: " + Format.rate(calibration.maxRate()) + " (no calibration)");
    double achieved = figures.load().statuses.count(status -> status == 201) / seconds(settings.duration());
    out.printf(Locale.ROOT, "load: open loop at %s (%.1f x maximum) for %s; accepted %s%n",
        Format.rate(figures.loadRate()), settings.loadFactor(), Format.duration(settings.duration()),
        Format.rate(achieved));

    out.println();
    out.println("-- time series");
    out.println(Sampler.header());
    figures.samples().forEach(sample -> out.println(Sampler.row(sample)));

    out.println();
    out.println("-- submit latency in the load phase (from when each submit was due to its answer)");
    out.printf(Locale.ROOT, "%-9s %8s %9s %9s %9s %9s%n", "kind", "submits", "p50", "p95", "p99", "max");
    for (Kind kind : Kind.values()) {
      printLatency(kind.name().toLowerCase(Locale.ROOT), figures.load().latencies(kind).all());
    }
    Percentiles all = figures.load().latencies.all();
    printLatency("all", all);
    Percentiles lag = figures.load().lag.all();
    out.println("of which the harness's own delay before sending: p50 " + Format.millis(lag.p50()) + ", p99 "
        + Format.millis(lag.p99()) + ", max " + Format.millis(lag.max()));
    out.println("the server's own time per submit (its histogram, handler to answer): "
        + figures.serverLatency().describe());

    out.println();
    out.println("-- HTTP statuses");
    for (SubmitStats phase : figures.phases()) {
      out.printf(Locale.ROOT, "submits, %-11s %s%s%n", phase.phase + ":", phase.statuses.describe(),
          phase.statuses.count(status -> status == 429) > 0
              ? " (429s without a usable Retry-After: " + phase.rejectedWithoutRetryAfter() + ")" : "");
      phase.unexpected().forEach(line -> out.println("    " + line));
    }
    out.println("polls, results, links, downloads: " + figures.checker().answers.describe());
    figures.checker().unexpected().forEach(line -> out.println("    " + line));
    out.println("5xx counted by the server itself (http_server_requests_seconds_count): "
        + Math.round(figures.serverErrors()));

    out.println();
    out.println("-- jobs (every accepted job followed to its end)");
    out.printf(Locale.ROOT, "%-12s %-9s %9s %9s %7s %6s %7s %12s %12s %12s%n", "phase", "kind", "accepted",
        "correct", "wrong", "lost", "stuck", "end p50", "end p99", "end max");
    List<String> phases = figures.phases().stream().map(stats -> stats.phase).toList();
    for (String phase : phases) {
      for (Kind kind : Kind.values()) {
        printJobs(phase, kind);
      }
    }
    out.println("(end: the server's submittedAt -> finishedAt of the correct jobs)");
    List<TrackedJob> bad = figures.jobs().stream().filter(job -> job.state() != State.CORRECT).toList();
    bad.stream().limit(10).forEach(job -> out.println("  " + job.describe() + ": "
        + (job.state() == State.RUNNING ? "still " + job.lastStatus() : job.state() + ": " + job.problem())));
    if (bad.size() > 10) {
      out.println("  ... and " + (bad.size() - 10) + " more");
    }
    out.println(figures.historyMismatches().isEmpty()
        ? "each key's job count on the server (X-Total-Count of /api/jobs/history) equals the jobs it had accepted"
        : "job counts that differ: " + String.join("; ", figures.historyMismatches()));

    out.println();
    out.println("-- memory");
    out.println("heap: " + figures.heap().describe());
    List<Sample> loadSamples = figures.samples().stream().filter(sample -> sample.phase().equals("load")).toList();
    if (!loadSamples.isEmpty()) {
      out.println("resident memory under load: first " + Format.megabytes(loadSamples.getFirst().residentBytes())
          + ", last " + Format.megabytes(loadSamples.getLast().residentBytes()) + ", max "
          + Format.megabytes(loadSamples.stream().mapToLong(Sample::residentBytes).max().orElse(0)));
    }

    List<Target> targets = targets(all);
    out.println();
    out.println("-- targets");
    for (Target target : targets) {
      out.printf(Locale.ROOT, "%-4s %-46s %s%n", target.passed() ? "PASS" : "FAIL", target.name(), target.measured());
    }
    boolean passed = targets.stream().allMatch(Target::passed);
    out.println(passed ? "ALL TARGETS MET" : "SOME TARGETS MISSED");
    return passed;
  }

  private List<Target> targets(Percentiles loadLatency) {
    boolean overload = figures.settings().mode() == Mode.OVERLOAD;
    List<Target> targets = new ArrayList<>();
    List<TrackedJob> jobs = figures.jobs();
    long correct = jobs.stream().filter(job -> job.state() == State.CORRECT).count();
    targets.add(new Target("every accepted job finished, correct", Format.count(correct) + " of "
        + Format.count(jobs.size()) + " (wrong " + count(State.WRONG) + ", lost " + count(State.LOST) + ", stuck "
        + count(State.RUNNING) + ")", correct == jobs.size() && !jobs.isEmpty()));
    targets.add(new Target("server's job count per key = accepted", figures.historyMismatches().isEmpty() ? "equal"
        : figures.historyMismatches().size() + " keys differ", figures.historyMismatches().isEmpty()));
    long fiveHundreds = submits(status -> status >= 500) + figures.checker().answers.count(status -> status >= 500)
        + Math.round(figures.serverErrors());
    targets.add(new Target("zero 5xx", fiveHundreds + " (client and server counts)", fiveHundreds == 0));
    IntPredicate expectedSubmit = overload ? status -> status == 201 || status == 429 : status -> status == 201;
    long otherErrors = submits(status -> status < 500 && !expectedSubmit.test(status))
        + figures.checker().answers.count(status -> status < 500 && (status < 200 || status >= 300))
        + figures.phases().stream().mapToLong(SubmitStats::malformed).sum();
    targets.add(new Target("no other error (" + (overload ? "201 or 429" : "201") + " on submit, 2xx after)",
        otherErrors + " other answers or none", otherErrors == 0));
    if (overload) {
      long refused = figures.load().statuses.count(status -> status == 429);
      long withoutRetryAfter = figures.phases().stream().mapToLong(SubmitStats::rejectedWithoutRetryAfter).sum();
      targets.add(new Target("past capacity: 429s, each with Retry-After", Format.count(refused) + " 429s, "
          + withoutRetryAfter + " without Retry-After", refused > 0 && withoutRetryAfter == 0));
    } else {
      targets.add(new Target("no upward drift of the heap after GC", figures.heap().noDrift() ? "flat" : "grew",
          figures.heap().noDrift()));
      targets.add(new Target("p99 submit latency < 50 ms", Format.millis(loadLatency.p99()),
          loadLatency.count() > 0 && loadLatency.p99() < P99_TARGET_NANOS));
    }
    return targets;
  }

  private long submits(IntPredicate status) {
    return figures.phases().stream().mapToLong(phase -> phase.statuses.count(status)).sum();
  }

  private long count(State state) {
    return figures.jobs().stream().filter(job -> job.state() == state).count();
  }

  private void printLatency(String name, Percentiles p) {
    out.printf(Locale.ROOT, "%-9s %8d %9s %9s %9s %9s%n", name, p.count(), Format.millis(p.p50()),
        Format.millis(p.p95()), Format.millis(p.p99()), Format.millis(p.max()));
  }

  private void printJobs(String phase, Kind kind) {
    List<TrackedJob> jobs = figures.jobs().stream()
        .filter(job -> job.phase.equals(phase) && job.submission.kind() == kind).toList();
    if (jobs.isEmpty()) {
      return;
    }
    Latencies ends = new Latencies();
    jobs.stream().filter(job -> job.state() == State.CORRECT).forEach(job -> ends.add(job.turnaround().toNanos()));
    Percentiles end = ends.all();
    out.printf(Locale.ROOT, "%-12s %-9s %9d %9d %7d %6d %7d %12s %12s %12s%n", phase,
        kind.name().toLowerCase(Locale.ROOT), jobs.size(), stateCount(jobs, State.CORRECT),
        stateCount(jobs, State.WRONG), stateCount(jobs, State.LOST), stateCount(jobs, State.RUNNING),
        Format.millis(end.p50()), Format.millis(end.p99()), Format.millis(end.max()));
  }

  private static long stateCount(List<TrackedJob> jobs, State state) {
    return jobs.stream().filter(job -> job.state() == state).count();
  }

  private static double seconds(Duration duration) {
    return duration.toNanos() / 1e9;
  }
}
