package dev.modelrun.benchmarks;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Prints the figures as Markdown tables. */
final class Report {
  static final int TARGET_ITEMS_PER_SECOND = 20_000;
  static final double TARGET_TIMES_DB_SCHEDULER = 4;
  static final double TARGET_H2_OF_POSTGRES = 0.5;

  private final PrintStream out;

  Report(PrintStream out) {
    this.out = out;
  }

  void throughput(List<Throughput> runs) {
    out.println();
    out.println("| system | store | nodes | work | submit (s) | first run (s) | done (s) | items/s submit → done |"
        + " items/s first run → done |");
    out.println("|---|---|---|---|---|---|---|---|---|");
    for (Throughput run : runs) {
      out.printf(Locale.ROOT, "| %s | %s | %d | %s | %.2f | %.2f | %.2f | **%,.0f** | %,.0f |%n", run.system(),
          run.store(), run.nodes(), run.shape(), run.submitted(), run.firstRun(), run.done(), run.itemsPerSecond(),
          run.runItemsPerSecond());
    }
  }

  /**
   * The three targets, on the median items/s (submit → done) of each case's rounds; nothing without
   * ModelRun on PostgreSQL.
   */
  void targets(List<Throughput> runs) {
    Map<String, Double> medians = medians(runs);
    Optional<Double> postgres = find(medians, "ModelRun | PostgreSQL | 1 | 1 job");
    Optional<Double> h2 = find(medians, "ModelRun | H2 file | 1 | 1 job");
    Optional<Double> dbScheduler = find(medians, "db-scheduler 16.7.1 (lock-and-fetch) | PostgreSQL | 1 |");
    if (postgres.isEmpty()) {
      return;
    }
    out.println();
    out.println("| target | measured (median) | ratio to target | met |");
    out.println("|---|---|---|---|");
    row("ModelRun on PostgreSQL, 1 node: ≥ 20,000 items/s", String.format(Locale.ROOT, "%,.0f items/s",
        postgres.get()), postgres.get() / TARGET_ITEMS_PER_SECOND);
    if (dbScheduler.isPresent()) {
      double times = postgres.get() / dbScheduler.get();
      row("≥ 4× db-scheduler (both PostgreSQL, 1 node)", String.format(Locale.ROOT, "%.2f× (%,.0f vs %,.0f)", times,
          postgres.get(), dbScheduler.get()), times / TARGET_TIMES_DB_SCHEDULER);
    }
    if (h2.isPresent()) {
      double share = h2.get() / postgres.get();
      row("H2 within 2× of PostgreSQL (H2 ≥ ½ PostgreSQL, 1 node)", String.format(Locale.ROOT,
          "H2 = %.2f × PostgreSQL (%,.0f vs %,.0f)", share, h2.get(), postgres.get()), share / TARGET_H2_OF_POSTGRES);
    }
  }

  void recovery(List<NodeKills.Recovery> recoveries) {
    out.println();
    out.println("| crash of 1 of 3 nodes | lease / sweep | model | items | done at crash"
        + " | first re-run of its items (s after crash) | last re-run (s) | job done (s) | items re-run |");
    out.println("|---|---|---|---|---|---|---|---|---|");
    for (NodeKills.Recovery r : recoveries) {
      out.printf(Locale.ROOT, "| PostgreSQL | %s / %s | %s | %,d | %,d | **%.2f** | %.2f | %.2f | %,d |%n",
          seconds(r.settings().lease()), seconds(r.settings().sweep()), r.settings().model(), r.items(),
          r.killedAfterCompleted(), r.firstRerun(), r.lastRerun(), r.jobDone(), r.rerun());
    }
  }

  void repeatedKills(List<NodeKills.RepeatedKills> runs) {
    out.println();
    out.println("| repeated crashes, 3 nodes | lease / sweep | model | items | crashes | duplicate runs |"
        + " per 10,000 items | per crash |");
    out.println("|---|---|---|---|---|---|---|---|");
    for (NodeKills.RepeatedKills r : runs) {
      out.printf(Locale.ROOT, "| PostgreSQL | %s / %s | %s | %,d | %d | %,d | **%.1f** | %.1f |%n",
          seconds(r.settings().lease()), seconds(r.settings().sweep()), r.settings().model(), r.items(), r.kills(),
          r.duplicates(), r.duplicatesPer10k(), r.kills() == 0 ? 0.0 : (double) r.duplicates() / r.kills());
    }
  }

  void cancels(List<CancelLatency.Result> results) {
    out.println();
    out.println("| cancel | nodes | model | items | done at cancel | cancel → CANCELED (ms) | last model call"
        + " started (ms after cancel) | calls started after cancel returned |");
    out.println("|---|---|---|---|---|---|---|---|");
    for (CancelLatency.Result r : results) {
      out.printf(Locale.ROOT, "| %s | %d | %.1f ms | %,d | %,d | **%.1f** | %.1f | %,d |%n", r.store(), r.nodes(),
          r.modelNanos() / 1e6, r.items(), r.completedAtCancel(), r.cancelMillis(), r.lastCallMillis(),
          r.callsAfter());
    }
  }

  private void row(String target, String measured, double ratio) {
    out.printf(Locale.ROOT, "| %s | %s | %.2f | %s |%n", target, measured, ratio, ratio >= 1 ? "yes" : "**no**");
  }

  private static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }

  private static Map<String, Double> medians(List<Throughput> runs) {
    Map<String, List<Double>> byCase = new LinkedHashMap<>();
    for (Throughput run : runs) {
      byCase.computeIfAbsent(run.key(), key -> new ArrayList<>()).add(run.itemsPerSecond());
    }
    Map<String, Double> medians = new LinkedHashMap<>();
    byCase.forEach((key, values) -> medians.put(key, median(values)));
    return medians;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }

  private static Optional<Double> find(Map<String, Double> medians, String keyPrefix) {
    return medians.entrySet().stream().filter(entry -> entry.getKey().startsWith(keyPrefix))
        .map(Map.Entry::getValue).findFirst();
  }
}
