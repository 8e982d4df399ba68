package dev.modelrun.app.soak;

import dev.modelrun.app.soak.Report.Calibration;
import dev.modelrun.app.soak.Sampler.Sample;
import dev.modelrun.app.soak.SoakSettings.Mode;
import dev.modelrun.app.soak.SoakSettings.Store;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Stream;

/**
 * The load and soak harness of issue 10 (run by {@code app/bench/soak.sh}; not a test, never run by the build).
 * Starts the server jar as its own process on a fresh H2 file or PostgreSQL schema, then: a warm-up; a closed-loop
 * calibration that measures the maximum rate of the job mix; a drain; an open loop at a multiple of that maximum
 * (0.8 for a soak, 3 for an overload run with a small queue bound) while every accepted job is followed to its end
 * and checked; a settle wait; a count of each key's jobs on the server. Prints a time series as it goes and a report
 * with PASS/FAIL per target; exits 1 when a target is missed.
 */
public final class SoakHarness {
  private SoakHarness() {}

  public static void main(String[] args) throws Exception {
    SoakSettings settings = SoakSettings.parse(args);
    PrintStream out = System.out;
    out.println("ModelRun soak: " + settings.describe());
    out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java " + Runtime.version()
        + ", load average " + loadAverage());
    Path work = Files.createTempDirectory(Files.createDirectories(settings.workDir()), "modelrun-soak-");
    boolean passed = false;
    try (PostgresSchema schema = settings.store() == Store.PG ? PostgresSchema.create() : null) {
      if (schema != null) {
        out.println("PostgreSQL schema " + schema.name() + " (dropped at the end)");
      }
      passed = run(settings, schema, work, out);
    } finally {
      if (passed && !Boolean.getBoolean("soak.keep")) {
        deleteTree(work);
      } else {
        out.println("kept the server's data and log in " + work);
      }
    }
    System.exit(passed ? 0 : 1);
  }

  private static boolean run(SoakSettings settings, PostgresSchema schema, Path work, PrintStream out)
      throws Exception {
    Map<String, String> keys = apiKeys(settings.clients());
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("MODELRUN_PORT", "0");
    environment.put("MODELRUN_DATA_DIR", work.resolve("data").toString());
    environment.put("MODELRUN_API_KEYS", String.join(",", keys.values()));
    if (settings.mode() == Mode.OVERLOAD) {
      environment.put("MODELRUN_MAX_QUEUED_ITEMS", Long.toString(settings.maxQueuedItems()));
    }
    if (schema != null) {
      environment.put("MODELRUN_DB_URL", schema.serverUrl());
      environment.put("MODELRUN_DB_USER", schema.user());
    }
    List<String> loadAverages = new ArrayList<>();
    try (ServerProcess server = ServerProcess.start(settings.jar(), settings.serverJvmOptions(), environment, work);
        Tracker tracker = new Tracker()) {
      out.println("server pid " + server.pid() + " at " + server.baseUri() + ", log " + server.log());
      List<Client> clients = keys.keySet().stream().map(key -> new Client(key, server.baseUri(),
          settings.connectionsPerClient())).toList();
      SubmitStats overall = new SubmitStats("all");
      Load load = new Load(clients, new JobMix(), tracker, overall);
      List<SubmitStats> phases = new ArrayList<>();
      int senders = 2 * settings.clients();
      Report.Figures figures;
      try (Sampler sampler = new Sampler(server, overall, tracker, settings.sampleEvery(), out)) {
        Calibration calibration;
        try (QueueGate gate = new QueueGate(sampler, settings.gateItems())) {
          load.closedLoop(senders, settings.warmUp(), gate, phase("warm-up", phases, sampler));
          calibration = calibrate(settings, load, gate, sampler, phases, senders);
        }
        loadAverages.add(loadAverage());
        drain(settings, tracker, sampler, out);

        server.collectGarbage();
        double heapBefore = sampler.scrape().heapUsedBytes();
        double rate = settings.loadFactor() * calibration.maxRate();
        out.printf(Locale.ROOT, "-- load: %s for %s%n", Format.rate(rate), Format.duration(settings.duration()));
        SubmitStats loadStats = phase("load", phases, sampler);
        SortedMap<Double, Double> bucketsBefore = sampler.scrape().submitBuckets();
        load.openLoop(rate, settings.duration(), loadStats);
        ServerLatency serverLatency = ServerLatency.between(bucketsBefore, sampler.scrape().submitBuckets());
        sampler.sample();
        loadAverages.add(loadAverage());

        settle(settings, tracker, sampler, out);
        server.collectGarbage();
        ServerMetrics end = sampler.scrape();
        List<Sample> samples = sampler.samples();
        HeapTrend heap = HeapTrend.of(samples.stream().filter(sample -> sample.phase().equals("load")).toList(),
            heapBefore, end.heapUsedBytes());
        figures = new Report.Figures(settings, calibration, rate, phases, loadStats, serverLatency, tracker.checker,
            tracker.all(), samples, heap, historyMismatches(clients), end.serverErrors(),
            String.join(" | ", loadAverages));
      }
      clients.forEach(Client::close);
      return new Report(figures, out).print();
    }
  }

  private static SubmitStats phase(String name, List<SubmitStats> phases, Sampler sampler) {
    SubmitStats stats = new SubmitStats(name);
    phases.add(stats);
    sampler.phase(name);
    return stats;
  }

  /**
   * The maximum rate of the mix: accepted submits per second under the gated closed loop, or the jobs the server
   * finished per second in the same window when that is lower.
   */
  private static Calibration calibrate(SoakSettings settings, Load load, QueueGate gate, Sampler sampler,
      List<SubmitStats> phases, int senders) throws InterruptedException {
    if (settings.fixedMaxRate() > 0) {
      return new Calibration(0, 0, settings.fixedMaxRate(), false);
    }
    SubmitStats stats = phase("calibrate", phases, sampler);
    double finishedBefore = sampler.scrape().jobsFinished();
    long start = System.nanoTime();
    load.closedLoop(senders, settings.calibration(), gate, stats);
    double seconds = (System.nanoTime() - start) / 1e9;
    double finished = (sampler.scrape().jobsFinished() - finishedBefore) / seconds;
    double accepted = stats.accepted() / seconds;
    return new Calibration(accepted, finished, Math.min(accepted, finished), true);
  }

  /** Waits until every job so far has ended and the server's queue is empty, so the load starts from rest. */
  private static void drain(SoakSettings settings, Tracker tracker, Sampler sampler, PrintStream out)
      throws InterruptedException {
    sampler.phase("drain");
    out.println("-- drain: waiting for the jobs of the calibration to end");
    if (!tracker.awaitAllEnded(settings.settleBound())) {
      out.println("   " + tracker.runningCount() + " jobs still running; starting the load anyway");
    }
    long deadline = System.nanoTime() + settings.settleBound().toNanos();
    while (sampler.scrape().queuedItems() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(500);
    }
  }

  /** Waits, at most the settle bound, until every accepted job has ended. */
  private static void settle(SoakSettings settings, Tracker tracker, Sampler sampler, PrintStream out)
      throws InterruptedException {
    sampler.phase("settle");
    boolean settled = tracker.awaitAllEnded(settings.settleBound());
    sampler.sample();
    out.println(settled ? "-- every accepted job has ended"
        : "-- " + tracker.runningCount() + " jobs still not ended " + Format.duration(settings.settleBound())
            + " after the load");
  }

  /** Each client's key as {@code prefix.secret} mapped to its {@code MODELRUN_API_KEYS} entry. */
  private static Map<String, String> apiKeys(int clients) {
    SecureRandom random = new SecureRandom();
    Map<String, String> keys = new LinkedHashMap<>();
    for (int i = 1; i <= clients; i++) {
      byte[] secret = new byte[16];
      random.nextBytes(secret);
      String key = String.format(Locale.ROOT, "soak%02d.%s", i, HexFormat.of().formatHex(secret));
      keys.put(key, key + String.format(Locale.ROOT, "=soak/team-%02d/user-%02d", i % 4, i));
    }
    return keys;
  }

  /**
   * Clients whose job count on the server (X-Total-Count of {@code /api/jobs/history}) is not the number of jobs
   * they had accepted: a lost job, or one left behind by a refused or unanswered submit.
   */
  private static List<String> historyMismatches(List<Client> clients) throws InterruptedException {
    List<String> mismatches = new ArrayList<>();
    for (Client client : clients) {
      Client.Answer answer = client.get("/api/jobs/history?status=all&per-page=1");
      String total = answer.headers().firstValue("X-Total-Count").orElse("(none; status " + answer.status() + ")");
      if (!total.equals(Long.toString(client.accepted()))) {
        mismatches.add(client.key().substring(0, client.key().indexOf('.')) + " has " + total + " jobs, accepted "
            + client.accepted());
      }
    }
    return mismatches;
  }

  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
