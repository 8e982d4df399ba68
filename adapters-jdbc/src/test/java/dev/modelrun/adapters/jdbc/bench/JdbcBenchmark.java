package dev.modelrun.adapters.jdbc.bench;

import dev.modelrun.adapters.jdbc.JdbcConfig;
import dev.modelrun.adapters.jdbc.JdbcStores;
import dev.modelrun.core.model.CallerIdentity;
import dev.modelrun.core.model.Job;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.model.JobRequest;
import dev.modelrun.core.model.JobSpec;
import dev.modelrun.core.model.JobStatus;
import dev.modelrun.core.model.TextInput;
import dev.modelrun.core.port.in.SubmitJobCommand;
import dev.modelrun.engine.ModelRunEngine;
import dev.modelrun.engine.testkit.NoOpModel;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Items per second from submit to completed with a no-op model on the JDBC stores: H2 file with one engine, and
 * PostgreSQL (a fresh schema of {@code MODELRUN_TEST_PG_URL}, default the local {@code test} database) with one and
 * three engines, each engine on its own pool. Prints one line per figure. Not a test: see BENCHMARKS.md.
 *
 * <p>Arguments: {@code [items] [rounds] [workers per engine]}, default 100000 3 8.
 */
public final class JdbcBenchmark {
  private static final CallerIdentity CALLER = new CallerIdentity("bench", "bench", "bench", "benchkey");
  private static final String PG_URL = System.getenv().getOrDefault("MODELRUN_TEST_PG_URL",
      "jdbc:postgresql://127.0.0.1:5432/test");
  private static final String PG_USER = System.getenv().getOrDefault("MODELRUN_TEST_PG_USER", "postgres");

  private JdbcBenchmark() {}

  public static void main(String[] args) throws Exception {
    int items = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int workers = args.length > 2 ? Integer.parseInt(args[2]) : 8;
    String only = args.length > 3 ? args[3] : "all";
    System.out.printf(Locale.ROOT, "cores=%d java=%s items=%d workers/engine=%d%n",
        Runtime.getRuntime().availableProcessors(), Runtime.version(), items, workers);
    if (only.equals("all") || only.equals("h2")) {
      for (int round = 0; round < rounds; round++) {
        Path dir = Files.createTempDirectory("modelrun-bench");
        try {
          run("H2 file, 1 engine", JdbcConfig.h2File(dir), 1, items, workers);
        } finally {
          delete(dir);
        }
      }
    }
    if (only.equals("h2mem")) {
      run("H2 in memory, 1 engine", JdbcConfig.of("jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000", "sa", ""),
          1, items, workers);
    }
    for (int nodes : new int[] {1, 3}) {
      if (!only.equals("all") && !only.equals("pg" + nodes)) {
        continue;
      }
      for (int round = 0; round < rounds; round++) {
        JdbcConfig config = JdbcConfig.of(PG_URL, PG_USER, "")
            .withSchema("mr_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        try {
          run("PostgreSQL, " + nodes + " engine" + (nodes > 1 ? "s" : ""), config, nodes, items, workers);
        } finally {
          dropSchema(config);
        }
      }
    }
  }

  private static void run(String name, JdbcConfig config, int nodes, int items, int workers) throws Exception {
    List<JdbcStores> stores = new ArrayList<>();
    List<ModelRunEngine> engines = new ArrayList<>();
    try {
      for (int node = 0; node < nodes; node++) {
        JdbcStores nodeStores = JdbcStores.open(config.withMaxPoolSize(workers + 4));
        stores.add(nodeStores);
        engines.add(ModelRunEngine.builder().model(new NoOpModel()).jobStore(nodeStores.jobStore())
            .resultStore(nodeStores.resultStore()).inputStore(nodeStores.inputStore()).workers(workers)
            .nodeId("bench-" + node).build());
      }
      SubmitJobCommand command = command(items);
      long cpuStart = processCpuNanos();
      long start = System.nanoTime();
      JobId id = engines.getFirst().submit(command).job().job().id();
      long submitted = System.nanoTime();
      long cpuSubmitted = processCpuNanos();
      Job done = engines.getFirst().await(id, Duration.ofMinutes(10));
      long end = System.nanoTime();
      if (done.status() != JobStatus.COMPLETED || done.counters().completed() != items) {
        throw new IllegalStateException("the job did not complete: " + done.status() + " " + done.counters());
      }
      long cpuEnd = processCpuNanos();
      System.out.printf(Locale.ROOT, "%-26s %,8.0f items/s  (submit %,6.0f ms, run %,6.0f ms, %d items; CPU "
          + "%.1f µs per item: submit %,.0f ms, run %,.0f ms)%n", name, items / ((end - start) / 1e9),
          (submitted - start) / 1e6, (end - submitted) / 1e6, items, (cpuEnd - cpuStart) / 1e3 / items,
          (cpuSubmitted - cpuStart) / 1e6, (cpuEnd - cpuSubmitted) / 1e6);
    } finally {
      engines.forEach(ModelRunEngine::close);
      stores.forEach(JdbcStores::close);
    }
  }

  // why: on a machine shared with other work the wall time varies twofold; the CPU this process spent per item (its
  // database included, for H2) varies far less, so it is printed beside it.
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static SubmitJobCommand command(int items) {
    Map<String, Map<String, String>> sources = LinkedHashMap.newLinkedHashMap(items);
    for (int i = 0; i < items; i++) {
      sources.put("item-" + i, Map.of("input.txt", "x"));
    }
    return SubmitJobCommand.of(CALLER, new JobRequest(NoOpModel.DESCRIPTOR.ref(), JobSpec.defaults(),
        new TextInput(sources)));
  }

  private static void dropSchema(JdbcConfig config) throws Exception {
    try (Connection connection = DriverManager.getConnection(config.url(), config.user(), config.password());
        Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS " + config.schema() + " CASCADE");
    }
  }

  private static void delete(Path dir) throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
