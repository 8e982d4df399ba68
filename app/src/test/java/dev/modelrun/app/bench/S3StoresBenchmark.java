package dev.modelrun.app.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.modelrun.adapters.jdbc.JdbcConfig;
import dev.modelrun.adapters.jdbc.JdbcStores;
import dev.modelrun.adapters.s3.S3Connections;
import dev.modelrun.adapters.s3.S3FolderInputSource;
import dev.modelrun.adapters.s3.S3Server;
import dev.modelrun.adapters.s3.bench.GetObjectFloor;
import dev.modelrun.core.model.CallerIdentity;
import dev.modelrun.core.model.Job;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.model.JobRequest;
import dev.modelrun.core.model.JobSpec;
import dev.modelrun.core.model.JobStatus;
import dev.modelrun.core.model.S3FolderInput;
import dev.modelrun.core.model.S3Location;
import dev.modelrun.core.port.in.SubmitJobCommand;
import dev.modelrun.engine.ModelRunEngine;
import dev.modelrun.engine.testkit.EchoModel;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * Items per second of an {@code aws-s3-folder} job of 10,000 objects of 1 KiB on the server's default stores (an H2
 * file: jobs, inputs, results), side by side with the same job on in-memory stores and with the floor: a plain loop of
 * the SDK's GetObject over the same objects at the same concurrency, through the same shared connections. On H2 it
 * runs twice: with the S3 items kept as references (read when the model runs, as the server does) and with their
 * bytes read at submit and stored (a store given no references, as the server did before). Not a test: run it by
 * hand (see BENCHMARKS.md); arguments: rounds (5), concurrency (32), objects (10,000), stores (MEMORY,H2_REFERENCES,
 * H2_BYTES; PG_REFERENCES and PG_BYTES run on a new schema of the local PostgreSQL), warm-up rounds (1): the store
 * paths take longer than the floor to be compiled (their CPU per item still falls after 10 rounds), so a figure of the
 * steady state wants several; engines ({@code per-job}: a new engine and new stores for every job; {@code shared}:
 * one engine on one database per kind of stores for all its jobs, as a server runs them); a delay in milliseconds (0)
 * before the S3 server answers each read and listing, as S3 across a network would (with a delay, the job's reads are
 * bounded by the floor's concurrency, not by the twice as many connections a server gives its workers, so that they
 * wait for as many requests at once as the floor's do).
 */
public final class S3StoresBenchmark {
  private static final CallerIdentity CALLER = new CallerIdentity("bench", "bench", "bench", "benchkey");
  private static final Duration WAIT = Duration.ofMinutes(10);
  private static final byte[] SECRET = "the benchmark's server secret, 32+ bytes".getBytes(StandardCharsets.UTF_8);

  private S3StoresBenchmark() {}

  private static final String PG_URL = System.getenv().getOrDefault("MODELRUN_TEST_PG_URL",
      "jdbc:postgresql://127.0.0.1:5432/test");

  /** Where the job's stores are: in memory, an H2 file or a new schema of the local PostgreSQL; S3 items as kept. */
  private enum Stores { MEMORY, H2_REFERENCES, H2_BYTES, PG_REFERENCES, PG_BYTES }

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 32;
    int objects = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
    Stores[] kinds = Arrays.stream((args.length > 3 ? args[3] : "MEMORY,H2_REFERENCES,H2_BYTES").split(","))
        .map(Stores::valueOf).toArray(Stores[]::new);
    int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 1;
    boolean shared = args.length > 5 && switch (args[5]) {
      case "shared" -> true;
      case "per-job" -> false;
      default -> throw new IllegalArgumentException("engines: per-job or shared, not " + args[5]);
    };
    Duration delay = Duration.ofMillis(args.length > 6 ? Long.parseLong(args[6]) : 0);
    System.out.printf(Locale.ROOT, "cores=%d java=%s objects=%,d x 1 KiB concurrency=%d warm-up rounds=%d "
        + "engines=%s S3 delay=%d ms%n", Runtime.getRuntime().availableProcessors(), Runtime.version(), objects,
        concurrency, warmup, shared ? "shared" : "per-job", delay.toMillis());
    BlobStore blobs = ContextBuilder.newBuilder("transient").credentials("identity", "credential")
        .build(BlobStoreContext.class).getBlobStore();
    S3Server server = S3Server.start(delay.isZero() ? blobs : new DelayedBlobStore(blobs, delay));
    Path dir = Files.createTempDirectory("modelrun-s3-bench-");
    Map<Stores, Engine> engines = new EnumMap<>(Stores.class);
    int connections = delay.isZero() ? concurrency * 2 : concurrency;
    try (S3Connections s3 = S3Connections.create(server.settings().withMaxConnections(connections), SECRET);
        GetObjectFloor plain = new GetObjectFloor(s3)) {
      String bucket = server.newBucket();
      List<String> keys = IntStream.range(0, objects).mapToObj(i -> "folder/%06d.txt".formatted(i)).toList();
      String kibibyte = "x".repeat(1024);
      server.putAll(bucket, keys, key -> kibibyte);

      double[] floor = new double[rounds];
      double[][] job = new double[Stores.values().length][rounds];
      double[][] submit = new double[Stores.values().length][rounds];
      double[][] perClaim = new double[Stores.values().length][rounds];
      double[] floorCpu = new double[rounds];
      double[][] jobCpu = new double[Stores.values().length][rounds];
      if (shared) {
        for (Stores kind : kinds) {
          engines.put(kind, Engine.open(s3, kind, dir.resolve("shared-" + kind), concurrency));
        }
      }
      for (int i = 0; i < warmup; i++) {
        plain.run(bucket, keys, concurrency);
        for (Stores kind : kinds) {
          job(s3, kind, engines.get(kind), dir.resolve("warm-" + i + "-" + kind), bucket, concurrency, objects,
              new double[1], new double[1], 0);
        }
      }
      for (int i = 0; i < rounds; i++) {
        long cpu = Cpu.nanos();
        floor[i] = plain.run(bucket, keys, concurrency);
        floorCpu[i] = (Cpu.nanos() - cpu) / 1e6 / objects * 1000;
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
            "round %d: floor %,.0f/s (cpu %,.0f ms/1k)", i + 1, floor[i], floorCpu[i]));
        for (Stores kind : kinds) {
          cpu = Cpu.nanos();
          job[kind.ordinal()][i] = job(s3, kind, engines.get(kind), dir.resolve(i + "-" + kind), bucket,
              concurrency, objects, submit[kind.ordinal()], perClaim[kind.ordinal()], i);
          jobCpu[kind.ordinal()][i] = (Cpu.nanos() - cpu) / 1e6 / objects * 1000;
          line.append(String.format(Locale.ROOT, "  %s %,.0f/s (submit %,.0f ms, %.1f items/claim, cpu %,.0f ms/1k, "
              + "%.0f%%)", kind, job[kind.ordinal()][i], submit[kind.ordinal()][i], perClaim[kind.ordinal()][i],
              jobCpu[kind.ordinal()][i],
              100 * job[kind.ordinal()][i] / floor[i]));
        }
        System.out.println(line);
      }
      report("GetObject loop (floor)", floor);
      report("  cpu, ms per 1k", floorCpu);
      for (Stores kind : kinds) {
        report(kind + " job", job[kind.ordinal()]);
        report("  submit, ms", submit[kind.ordinal()]);
        report("  items per claim", perClaim[kind.ordinal()]);
        report("  cpu, ms per 1k", jobCpu[kind.ordinal()]);
        double[] ratio = new double[rounds];
        for (int i = 0; i < rounds; i++) {
          ratio[i] = 100 * job[kind.ordinal()][i] / floor[i];
        }
        report("  job/floor per round, %", ratio);
      }
    } finally {
      // why: a run that failed half-way still drops the PostgreSQL schemas of its shared engines.
      for (Engine engine : engines.values()) {
        engine.close();
      }
      server.stop();
    }
  }

  /**
   * Runs one folder job and answers its items per second, on {@code shared} (left open) or, when that is null, on a
   * new engine and stores of the kind, closed after.
   */
  private static double job(S3Connections s3, Stores kind, Engine shared, Path dataDir, String bucket,
      int concurrency, int objects, double[] submitMillis, double[] itemsPerClaim, int round) throws Exception {
    Engine engine = shared != null ? shared : Engine.open(s3, kind, dataDir, concurrency);
    try {
      S3FolderInput input = new S3FolderInput(S3Server.credentials(),
          Map.of("ref", Map.of("input.txt", new S3Location(bucket, "folder/"))));
      long claimsBefore = engine.claims();
      long start = System.nanoTime();
      JobId id = engine.engine().submit(SubmitJobCommand.of(CALLER, new JobRequest(EchoModel.DESCRIPTOR.ref(),
          JobSpec.defaults(), input))).job().job().id();
      submitMillis[round] = (System.nanoTime() - start) / 1e6;
      Job done = engine.engine().await(id, WAIT);
      double seconds = (System.nanoTime() - start) / 1e9;
      if (done.status() != JobStatus.COMPLETED || done.counters().completed() != objects) {
        throw new IllegalStateException(kind + ": the job ended " + done.status() + " with " + done.counters());
      }
      long claims = engine.claims() - claimsBefore;
      itemsPerClaim[round] = claims == 0 ? 0 : (double) objects / claims;
      return objects / seconds;
    } finally {
      if (shared == null) {
        engine.close();
      }
    }
  }

  /** An engine on stores of one kind (a new H2 file, or a new schema of the local PostgreSQL), and its meters. */
  private record Engine(ModelRunEngine engine, JdbcStores stores, JdbcConfig config, SimpleMeterRegistry meters)
      implements AutoCloseable {
    static Engine open(S3Connections s3, Stores kind, Path dataDir, int concurrency) {
      SimpleMeterRegistry meters = new SimpleMeterRegistry();
      ModelRunEngine.Builder builder = ModelRunEngine.builder().model(new EchoModel(), concurrency)
          .workers(concurrency).inputSource(new S3FolderInputSource(s3)).meterRegistry(meters);
      JdbcConfig config = switch (kind) {
        case MEMORY -> null;
        case H2_REFERENCES, H2_BYTES -> JdbcConfig.h2File(dataDir);
        case PG_REFERENCES, PG_BYTES -> JdbcConfig.of(PG_URL, "postgres", "")
            .withSchema("mr_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
      };
      JdbcStores stores = switch (kind) {
        case MEMORY -> null;
        case H2_REFERENCES, PG_REFERENCES -> JdbcStores.open(config, null, List.of(s3.inputReferences()));
        case H2_BYTES, PG_BYTES -> JdbcStores.open(config);
      };
      if (stores != null) {
        builder.jobStore(stores.jobStore()).inputStore(stores.inputStore()).resultStore(stores.resultStore());
      }
      ModelRunEngine engine = builder.build();
      if (stores != null) {
        stores.onNewWork(engine::workArrived);
      }
      return new Engine(engine, stores, config, meters);
    }

    /** The claims that took items so far. */
    long claims() {
      Timer claims = meters.find("modelrun.store.claim").tag("result", "claimed").timer();
      return claims == null ? 0 : claims.count();
    }

    @Override
    public void close() throws Exception {
      try {
        engine.close();
      } finally {
        if (stores != null) {
          stores.close();
        }
        if (config != null && !config.schema().isEmpty()) {
          try (Connection connection = DriverManager.getConnection(config.url(), config.user(), config.password());
              Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA " + config.schema() + " CASCADE");
          }
        }
      }
    }
  }

  /** The CPU time of this process so far (every thread, the S3 server's included; PostgreSQL's not). */
  private static final class Cpu {
    static long nanos() {
      return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
  }

  private static void report(String name, double[] figures) {
    double[] sorted = figures.clone();
    Arrays.sort(sorted);
    System.out.printf(Locale.ROOT, "%-26s median %,.0f  min %,.0f  max %,.0f  (%d rounds)%n", name,
        sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1], sorted.length);
  }
}
