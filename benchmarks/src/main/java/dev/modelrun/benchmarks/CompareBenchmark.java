package dev.modelrun.benchmarks;

import dev.modelrun.adapters.jdbc.JdbcConfig;
import dev.modelrun.adapters.jdbc.StoreException;
import dev.modelrun.core.model.ModelrunException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * ModelRun's JDBC job store side by side with db-scheduler and JobRunr on the same PostgreSQL: no-op items per
 * second from submit to done (ModelRun on H2 file and PostgreSQL, 1 and 3 nodes; the peers on PostgreSQL, 1 and 3
 * nodes, the same number of no-op tasks and the same workers per node), then ModelRun's recovery from a crashed node,
 * duplicates under repeated crashes, and cancel latency. A small warm-up run of each system comes first, unreported.
 * Prints Markdown tables. Not a test: see README.md.
 *
 * <p>Arguments: {@code [items] [workers per node] [rounds] [section]}, default {@code 50000 8 1 all}; a section is
 * one of {@code throughput} (ModelRun only), {@code peers}, {@code kills}, {@code cancel}, {@code all}.
 */
public final class CompareBenchmark {
  private static final Set<String> SECTIONS = Set.of("all", "compare", "throughput", "peers", "kills", "cancel");
  private static final int SMALL_JOB = 10;
  private static final int FAILURE_ITEMS = 20_000;
  private static final long FAST_MODEL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final List<String> FAILURES = new ArrayList<>();

  private CompareBenchmark() {}

  public static void main(String[] args) throws Exception {
    int items = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
    int workers = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    String section = args.length > 3 ? args[3] : "all";
    if (items < SMALL_JOB || workers < 1 || rounds < 1 || !SECTIONS.contains(section)) {
      throw new IllegalArgumentException("arguments: [items >= " + SMALL_JOB + "] [workers >= 1] [rounds >= 1]"
          + " [section: one of " + SECTIONS + "], but were " + String.join(" ", args));
    }
    Postgres postgres = Postgres.fromEnvironment(System.getenv());
    long begin = System.nanoTime();
    System.out.printf(Locale.ROOT, "%s: %d cores, Java %s, PostgreSQL %s at %s, %,d items, %d workers per node,"
            + " %d round(s), section %s, load average %s%n", Instant.now(),
        Runtime.getRuntime().availableProcessors(), Runtime.version(), postgres.version(), postgres.url(), items,
        workers, rounds, section, loadAverage());
    Report report = new Report(System.out);
    List<Throughput> runs = new ArrayList<>();
    warmUp(postgres, section, Math.max(SMALL_JOB, items / 25), workers);
    for (int round = 1; round <= rounds; round++) {
      if (includes(section, "throughput")) {
        runs.addAll(modelRun(postgres, items, workers));
      }
      if (includes(section, "peers")) {
        runs.addAll(peers(postgres, items, workers));
      }
    }
    if (!runs.isEmpty()) {
      report.throughput(runs);
      report.targets(runs);
    }
    if (includes(section, "kills")) {
      kills(postgres, items, workers, report);
    }
    if (includes(section, "cancel")) {
      cancels(postgres, workers, report);
    }
    System.out.printf(Locale.ROOT, "%nwhole run %.0f s, load average at the end %s%n",
        (System.nanoTime() - begin) / 1e9, loadAverage());
    if (!FAILURES.isEmpty()) {
      throw new IllegalStateException(FAILURES.size() + " case(s) failed:\n" + String.join("\n", FAILURES));
    }
  }

  /**
   * Runs one case; when it fails (a job that does not end, work that did not all complete) it says so and the run
   * goes on to the other cases, failing at the end.
   */
  private static <T> Optional<T> measure(String name, Callable<T> measurement) throws Exception {
    try {
      return Optional.of(measurement.call());
    } catch (IllegalStateException | ModelrunException | StoreException e) {
      String failure = name + ": " + e;
      FAILURES.add(failure);
      System.out.println("  FAILED " + failure);
      return Optional.empty();
    }
  }

  /** One small run of each system on PostgreSQL first, not reported, so no measured run pays for class loading. */
  private static void warmUp(Postgres postgres, String section, int items, int workers) throws Exception {
    if (includes(section, "throughput")) {
      String schema = postgres.newSchema("bench_modelrun_");
      try {
        warmUp(ModelRunThroughput.run("PostgreSQL", postgres.modelRun(schema), 1, items, items, workers));
      } finally {
        postgres.dropSchema(schema);
      }
    }
    if (includes(section, "peers")) {
      warmUp(DbSchedulerThroughput.run(postgres, 1, items, workers));
      warmUp(JobRunrThroughput.run(postgres, 1, items, workers));
    }
  }

  private static void warmUp(Throughput run) {
    System.out.printf(Locale.ROOT, "  warm-up: %s, %,d items: %,.0f items/s%n", run.system(), run.items(),
        run.itemsPerSecond());
  }

  private static List<Throughput> modelRun(Postgres postgres, int items, int workers) throws Exception {
    List<Throughput> runs = new ArrayList<>();
    for (int perJob : new int[] {items, SMALL_JOB}) {
      Path dir = Files.createTempDirectory("modelrun-bench-h2");
      try {
        measure("ModelRun, H2 file, 1 node, " + perJob + " items per job",
            () -> ModelRunThroughput.run("H2 file", JdbcConfig.h2File(dir), 1, items, perJob, workers))
            .map(CompareBenchmark::progress).ifPresent(runs::add);
      } finally {
        delete(dir);
      }
    }
    for (int nodes : new int[] {1, 3}) {
      for (int perJob : new int[] {items, SMALL_JOB}) {
        String schema = postgres.newSchema("bench_modelrun_");
        try {
          measure("ModelRun, PostgreSQL, " + nodes + " node(s), " + perJob + " items per job",
              () -> ModelRunThroughput.run("PostgreSQL", postgres.modelRun(schema), nodes, items, perJob, workers))
              .map(CompareBenchmark::progress).ifPresent(runs::add);
        } finally {
          postgres.dropSchema(schema);
        }
      }
    }
    return runs;
  }

  private static List<Throughput> peers(Postgres postgres, int items, int workers) throws Exception {
    List<Throughput> runs = new ArrayList<>();
    for (int nodes : new int[] {1, 3}) {
      measure("db-scheduler, " + nodes + " node(s)", () -> DbSchedulerThroughput.run(postgres, nodes, items, workers))
          .map(CompareBenchmark::progress).ifPresent(runs::add);
    }
    for (int nodes : new int[] {1, 3}) {
      measure("JobRunr, " + nodes + " node(s)", () -> JobRunrThroughput.run(postgres, nodes, items, workers))
          .map(CompareBenchmark::progress).ifPresent(runs::add);
    }
    return runs;
  }

  private static void kills(Postgres postgres, int items, int workers, Report report) throws Exception {
    NodeKills.Settings fast = new NodeKills.Settings(Duration.ofSeconds(5), Duration.ofMillis(500),
        FAST_MODEL_NANOS, workers);
    NodeKills.Settings noOp = new NodeKills.Settings(fast.lease(), fast.sweep(), 0, workers);
    List<NodeKills.Recovery> recoveries = new ArrayList<>();
    for (NodeKills.Settings settings : List.of(fast, noOp)) {
      measure("crash, " + settings.model() + " model", () -> NodeKills.oneKill(postgres, settings, FAILURE_ITEMS))
          .ifPresent(recoveries::add);
    }
    report.recovery(recoveries);
    List<NodeKills.RepeatedKills> repeated = new ArrayList<>();
    for (NodeKills.Settings settings : List.of(fast, noOp)) {
      measure("repeated crashes, " + settings.model() + " model",
          () -> NodeKills.repeatedKills(postgres, settings, items, Duration.ofSeconds(1), 5)).ifPresent(repeated::add);
    }
    report.repeatedKills(repeated);
  }

  private static void cancels(Postgres postgres, int workers, Report report) throws Exception {
    List<CancelLatency.Result> results = new ArrayList<>();
    Path dir = Files.createTempDirectory("modelrun-bench-h2");
    try {
      measure("cancel, H2 file", () -> CancelLatency.run("H2 file", JdbcConfig.h2File(dir), 1, FAILURE_ITEMS,
          workers, FAST_MODEL_NANOS)).ifPresent(results::add);
    } finally {
      delete(dir);
    }
    for (int nodes : new int[] {1, 3}) {
      String schema = postgres.newSchema("bench_cancel_");
      try {
        measure("cancel, PostgreSQL, " + nodes + " node(s)", () -> CancelLatency.run("PostgreSQL",
            postgres.modelRun(schema), nodes, FAILURE_ITEMS, workers, FAST_MODEL_NANOS)).ifPresent(results::add);
      } finally {
        postgres.dropSchema(schema);
      }
    }
    report.cancels(results);
  }

  private static boolean includes(String section, String part) {
    // why: "compare" is the side-by-side throughput table alone, without the longer crash and cancel cases.
    return section.equals("all") || section.equals(part)
        || section.equals("compare") && (part.equals("throughput") || part.equals("peers"));
  }

  private static Throughput progress(Throughput run) {
    System.out.printf(Locale.ROOT, "  %-38s %-10s %d node(s) %-16s %,9.0f items/s (submit %.2f s, done %.2f s)%n",
        run.system(), run.store(), run.nodes(), run.shape(), run.itemsPerSecond(), run.submitted(), run.done());
    return run;
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
