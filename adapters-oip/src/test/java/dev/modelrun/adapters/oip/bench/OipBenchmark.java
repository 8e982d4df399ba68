package dev.modelrun.adapters.oip.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelrun.adapters.oip.OipConnections;
import dev.modelrun.adapters.oip.OipEndpoint;
import dev.modelrun.adapters.oip.RemoteItemModel;
import dev.modelrun.adapters.oip.Resilience;
import dev.modelrun.adapters.oip.testkit.OipTestServer;
import dev.modelrun.core.billing.Pricing;
import dev.modelrun.core.model.CallerIdentity;
import dev.modelrun.core.model.Job;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.model.JobRequest;
import dev.modelrun.core.model.JobSpec;
import dev.modelrun.core.model.JobStatus;
import dev.modelrun.core.model.ModelDescriptor;
import dev.modelrun.core.model.ModelInput;
import dev.modelrun.core.model.ModelOutput;
import dev.modelrun.core.model.ModelRef;
import dev.modelrun.core.model.ModelTimeouts;
import dev.modelrun.core.model.TextInput;
import dev.modelrun.core.model.InputData;
import dev.modelrun.core.model.OutputValue;
import dev.modelrun.core.port.in.SubmitJobCommand;
import dev.modelrun.core.port.out.ItemModel;
import dev.modelrun.engine.ModelRunEngine;
import java.io.BufferedReader;
import java.lang.management.ManagementFactory;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Items per second of a text job through the engine (in-memory stores) to a remote item model on a local OIP server
 * that answers at once ({@link OipTestServer}), one item per request (batching off) and up to {@code batch} items per
 * request (batching on), each against its floor: the same inference requests (of one item, or of {@code batch} items)
 * sent by a plain loop of the JDK HTTP client from {@code concurrency} virtual threads. The model's limit is
 * {@code concurrency} (so at most that many requests at once, as the floor's threads); the engine runs {@code workers}
 * workers. A no-op model through the same engine shows the engine's own ceiling. Not a test: run it by hand
 * (BENCHMARKS.md); arguments: rounds (5), concurrency (16), items (20,000), batch (32), server ({@code process}: the
 * model server in a JVM of its own; {@code inline}: in this one), modes ({@code all}; {@code batched}: only the rounds
 * of {@code batch} items per request; {@code engine}: only the batched engine, round after round, for a profiler),
 * workers (0: as many as {@code concurrency}). The floor reads each answer as JSON, as the engine does; the
 * batched rounds also show a floor that leaves its answers unread.
 */
public final class OipBenchmark {
  private static final CallerIdentity CALLER = new CallerIdentity("bench", "bench", "bench", "benchkey");
  private static final Duration WAIT = Duration.ofMinutes(10);
  private static final ObjectMapper ANSWERS = new ObjectMapper();
  private static final ModelDescriptor DESCRIPTOR = new ModelDescriptor(ModelRef.of("remote-stats", "1"),
      "Remote Text Stats", "", List.of(new ModelInput("input.txt", List.of("text/plain"), 1024)),
      List.of(new ModelOutput("results.json", "application/json")), List.of(), List.of(), false, false,
      Pricing.of(1, 1), ModelTimeouts.of(Duration.ofSeconds(10), Duration.ofSeconds(10)));

  // why: this JVM's CPU time and allocation over a timed side, per item: what the engine spends where the floor
  // spends less, on 2 cores taken from the model server (in its own process, not counted here).
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private static long cpuMark;
  private static long allocationMark;
  private static double cpuPerItem;
  private static double allocationPerItem;
  // why: the time requests (the floor's, from building one to reading its answer) or model calls (the engine's) were
  // open, summed: over the side's time, how many were in flight on average; the engine also takes its submit.
  private static final java.util.concurrent.atomic.LongAdder BUSY_NANOS = new java.util.concurrent.atomic.LongAdder();
  private static double inFlight;
  private static double submitMillis;
  private static int engineWorkers;

  private OipBenchmark() {}

  private static void markCosts() {
    BUSY_NANOS.reset();
    cpuMark = OS.getProcessCpuTime();
    allocationMark = THREADS.getTotalThreadAllocatedBytes();
  }

  /** Microseconds of this JVM's CPU, and bytes allocated, per item since {@link #markCosts}. */
  private static void takeCosts(int items, long nanos) {
    inFlight = (double) BUSY_NANOS.sum() / nanos;
    cpuPerItem = (OS.getProcessCpuTime() - cpuMark) / 1e3 / items;
    allocationPerItem = (double) (THREADS.getTotalThreadAllocatedBytes() - allocationMark) / items;
  }

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 16;
    int items = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
    int batch = args.length > 3 ? Integer.parseInt(args[3]) : 32;
    boolean ownProcess = args.length <= 4 || !args[4].equals("inline");
    String modes = args.length > 5 ? args[5] : "all";
    // why: 0 is as many workers as calls at once; more let claims and completions overlap the calls, which stay
    // bounded by the model's limit (concurrency), as the floor's requests are by its threads.
    int workers = args.length > 6 ? Integer.parseInt(args[6]) : 0;
    engineWorkers = workers > 0 ? workers : concurrency;
    if (modes.equals("engine")) {
      profileEngine(rounds, concurrency, items, batch, ownProcess);
      return;
    }
    boolean single = !modes.equals("batched");
    System.out.printf(Locale.ROOT, "cores=%d java=%s items=%,d concurrency=%d engine workers=%d batch=%d server=%s "
        + "rounds of %s%n", Runtime.getRuntime().availableProcessors(), Runtime.version(), items, concurrency,
        engineWorkers, batch,
        ownProcess ? "own process" : "inline", single ? "1 and " + batch + " items per request" : batch
        + " items per request only");
    try (ModelServer server = ownProcess ? ModelServer.process() : ModelServer.inline();
        OipConnections connections = OipConnections.create(Duration.ofSeconds(5));
        HttpClient plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
      URI infer = new OipEndpoint(server.uri(), OipTestServer.TEXT_STATS, "").modelUri("/infer");
      double[] floor = new double[rounds];
      double[] floorBatched = new double[rounds];
      double[] floorBatchedRaw = new double[rounds];
      double[] onOverRaw = new double[rounds];
      double[] off = new double[rounds];
      double[] on = new double[rounds];
      double[] offRatio = new double[rounds];
      double[] onRatio = new double[rounds];
      double[] onOverSingle = new double[rounds];
      double[] noop = new double[rounds];
      double[] perRequest = new double[rounds];
      double[] floorCpu = new double[rounds];
      double[] onCpu = new double[rounds];
      double[] floorAllocation = new double[rounds];
      double[] onAllocation = new double[rounds];
      double[] floorInFlight = new double[rounds];
      double[] onInFlight = new double[rounds];
      double[] onSubmit = new double[rounds];
      if (single) {
        floor(plain, infer, items, concurrency, 1, true);
        job(connections, server, 1, concurrency, items, new AtomicInteger());
      }
      floor(plain, infer, items, concurrency, batch, true);
      floor(plain, infer, items, concurrency, batch, false);
      job(connections, server, batch, concurrency, items, new AtomicInteger());
      job(new NoopModel(), concurrency, items);
      for (int i = 0; i < rounds; i++) {
        if (single) {
          floor[i] = floor(plain, infer, items, concurrency, 1, true);
          off[i] = job(connections, server, 1, concurrency, items, new AtomicInteger());
          offRatio[i] = 100 * off[i] / floor[i];
        }
        floorBatched[i] = floor(plain, infer, items, concurrency, batch, true);
        floorCpu[i] = cpuPerItem;
        floorInFlight[i] = inFlight;
        floorAllocation[i] = allocationPerItem;
        AtomicInteger calls = new AtomicInteger();
        on[i] = job(connections, server, batch, concurrency, items, calls);
        onCpu[i] = cpuPerItem;
        onInFlight[i] = inFlight;
        onSubmit[i] = submitMillis;
        onAllocation[i] = allocationPerItem;
        floorBatchedRaw[i] = floor(plain, infer, items, concurrency, batch, false);
        perRequest[i] = (double) items / calls.get();
        noop[i] = job(new NoopModel(), concurrency, items);
        onRatio[i] = 100 * on[i] / floorBatched[i];
        onOverRaw[i] = 100 * on[i] / floorBatchedRaw[i];
        onOverSingle[i] = single ? 100 * on[i] / floor[i] : 0;
        String singleRound = single ? String.format(Locale.ROOT, "floor 1/req %,.0f/s  engine off %,.0f/s (%.0f%%)  ",
            floor[i], off[i], offRatio[i]) : "";
        String overSingle = single ? String.format(Locale.ROOT, ", %.0f%% of floor 1/req", onOverSingle[i]) : "";
        System.out.printf(Locale.ROOT, "round %d: %sfloor %d/req %,.0f/s  engine on %,.0f/s (%.0f%% of floor %d/req%s, "
            + "%.1f items/request)  floor %d/req, answers unread %,.0f/s (engine on %.0f%% of it)  engine, no-op model "
            + "%,.0f/s%n", i + 1, singleRound, batch, floorBatched[i], on[i], onRatio[i], batch, overSingle,
            perRequest[i], batch, floorBatchedRaw[i], onOverRaw[i], noop[i]);
        System.out.printf(Locale.ROOT, "  this JVM per item: floor %d/req %.2f us CPU, %,.0f B; engine on %.2f us CPU, "
            + "%,.0f B; requests in flight: floor %.1f, engine on %.1f (its submit %.0f ms)%n", batch, floorCpu[i],
            floorAllocation[i], onCpu[i], onAllocation[i], floorInFlight[i], onInFlight[i], onSubmit[i]);
      }
      if (single) {
        report("floor, 1 item/request", floor);
        report("engine, batching off", off);
      }
      report("floor, " + batch + " items/request", floorBatched);
      report("engine, batching on", on);
      report("floor, " + batch + "/req, unread", floorBatchedRaw);
      report("engine, no-op model", noop);
      report("engine on, items/request", perRequest);
      report("floor " + batch + ", CPU us/item", floorCpu);
      report("engine on, CPU us/item", onCpu);
      report("floor " + batch + ", in flight", floorInFlight);
      report("engine on, in flight", onInFlight);
      report("engine on, submit ms", onSubmit);
      report("floor " + batch + ", B/item", floorAllocation);
      report("engine on, B/item", onAllocation);
      if (single) {
        report("off / floor 1, %", offRatio);
      }
      report("on / floor " + batch + ", %", onRatio);
      report("on / unread floor " + batch + ", %", onOverRaw);
      if (single) {
        report("on / floor 1, %", onOverSingle);
      }
    }
  }

  /**
   * Only the batched engine, round after round, for a profiler attached to this JVM (after one warm-up of the floor
   * and the engine): each round's rate, and this JVM's CPU and allocation per item.
   */
  private static void profileEngine(int rounds, int concurrency, int items, int batch, boolean ownProcess)
      throws Exception {
    try (ModelServer server = ownProcess ? ModelServer.process() : ModelServer.inline();
        OipConnections connections = OipConnections.create(Duration.ofSeconds(5));
        HttpClient plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
      URI infer = new OipEndpoint(server.uri(), OipTestServer.TEXT_STATS, "").modelUri("/infer");
      floor(plain, infer, items, concurrency, batch, true);
      job(connections, server, batch, concurrency, items, new AtomicInteger());
      for (int i = 0; i < rounds; i++) {
        double rate = job(connections, server, batch, concurrency, items, new AtomicInteger());
        System.out.printf(Locale.ROOT, "engine round %d: %,.0f/s, %.2f us CPU and %,.0f B per item, %.1f calls in "
            + "flight, submit %.0f ms%n", i + 1, rate, cpuPerItem, allocationPerItem, inFlight, submitMillis);
      }
    }
  }

  /**
   * Items per second of a plain loop sending {@code batch} items per request from {@code concurrency} threads. With
   * {@code parse}, each answer is read as JSON and its output checked to hold a value per item, as any caller that
   * uses the answers does (and the engine does); without, only the answer's bytes are taken.
   */
  private static double floor(HttpClient http, URI infer, int items, int concurrency, int batch, boolean parse)
      throws Exception {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    markCosts();
    long start = System.nanoTime();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < concurrency; t++) {
      threads.add(Thread.ofVirtual().start(() -> {
        for (int i = next.getAndAdd(batch); i < items; i = next.getAndAdd(batch)) {
          long began = System.nanoTime();
          int count = Math.min(batch, items - i);
          StringBuilder data = new StringBuilder();
          for (int j = i; j < i + count; j++) {
            data.append(j == i ? "" : ",").append("\"text-").append(j).append('"');
          }
          String body = "{\"inputs\":[{\"name\":\"input.txt\",\"shape\":[" + count + "],\"datatype\":\"BYTES\","
              + "\"parameters\":{\"content_type\":\"str\"},\"data\":[" + data + "]}]}";
          HttpRequest request = HttpRequest.newBuilder(infer).header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body)).build();
          // why: like the engine's client, a request that meets a closed keep-alive connection is sent again.
          for (int attempt = 1; ; attempt++) {
            try {
              HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
              if (response.statusCode() != 200 || parse && ANSWERS.readTree(response.body()).path("outputs").path(0)
                  .path("data").size() != count) {
                failures.incrementAndGet();
              }
              BUSY_NANOS.add(System.nanoTime() - began);
              break;
            } catch (java.io.IOException e) {
              if (attempt == 3) {
                failures.incrementAndGet();
                break;
              }
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return;
            }
          }
        }
      }));
    }
    for (Thread thread : threads) {
      thread.join();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    takeCosts(items, System.nanoTime() - start);
    if (failures.get() > 0) {
      throw new IllegalStateException(failures.get() + " floor requests failed");
    }
    return items / seconds;
  }

  /** {@code calls} counts the model's calls (each one inference request, as no request fails here). */
  private static double job(OipConnections connections, ModelServer server, int batch, int concurrency,
      int items, AtomicInteger calls) throws Exception {
    ItemModel remote = new RemoteItemModel(DESCRIPTOR, connections.client(new OipEndpoint(server.uri(),
        OipTestServer.TEXT_STATS, ""), Resilience.defaults()), batch);
    return job(new CountedModel(remote, calls), concurrency, items);
  }

  /** Items per second of a text job through the engine to {@code model}, {@code concurrency} calls at once. */
  private static double job(ItemModel model, int concurrency, int items) throws Exception {
    Map<String, Map<String, String>> sources = new LinkedHashMap<>();
    for (int i = 0; i < items; i++) {
      sources.put("item-" + i, Map.of("input.txt", "text-" + i));
    }
    // why: the caller's request object is built before the clock starts, as the floor's inputs are ready before it
    // starts; the engine's intake of it (checking and storing the items) is timed.
    // why: held only until the submit takes it, as a server drops a request once it is submitted; kept any longer,
    // the caller's copy of every item would be live through the job, which the floor does not have to carry.
    AtomicReference<SubmitJobCommand> command = new AtomicReference<>(SubmitJobCommand.of(CALLER, new JobRequest(
        DESCRIPTOR.ref(), JobSpec.defaults(), new TextInput(sources))));
    sources.clear();
    try (ModelRunEngine engine = ModelRunEngine.builder().model(model, concurrency).workers(engineWorkers).build()) {
      markCosts();
      long start = System.nanoTime();
      JobId id = engine.submit(command.getAndSet(null)).job().job().id();
      submitMillis = (System.nanoTime() - start) / 1e6;
      Job done = engine.await(id, WAIT);
      long nanos = System.nanoTime() - start;
      double seconds = nanos / 1e9;
      takeCosts(items, nanos);
      if (done.status() != JobStatus.COMPLETED || done.counters().completed() != items) {
        throw new IllegalStateException("the job ended " + done.status() + " with " + done.counters());
      }
      return items / seconds;
    }
  }

  /** A model that counts the calls of another. */
  private record CountedModel(ItemModel model, AtomicInteger calls) implements ItemModel {
    @Override
    public ModelDescriptor descriptor() {
      return model.descriptor();
    }

    @Override
    public int batchSize() {
      return model.batchSize();
    }

    @Override
    public Map<String, OutputValue> run(Map<String, InputData> inputs, boolean explain) throws Exception {
      calls.incrementAndGet();
      return model.run(inputs, explain);
    }

    @Override
    public List<Map<String, OutputValue>> runBatch(List<Map<String, InputData>> items, boolean explain)
        throws Exception {
      calls.incrementAndGet();
      long began = System.nanoTime();
      try {
        return model.runBatch(items, explain);
      } finally {
        BUSY_NANOS.add(System.nanoTime() - began);
      }
    }
  }

  /**
   * The model server: by default in a JVM of its own, as a real one is, so that its garbage (several times the
   * client's per item) is not collected by the JVM that holds the engine's jobs; {@code inline} runs it in this JVM.
   */
  private interface ModelServer extends AutoCloseable {
    URI uri();

    @Override
    void close() throws Exception;

    static ModelServer inline() {
      OipTestServer server = OipTestServer.start();
      return new ModelServer() {
        @Override
        public URI uri() {
          return server.uri();
        }

        @Override
        public void close() {
          server.close();
        }
      };
    }

    static ModelServer process() throws Exception {
      Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xms512m", "-Xmx512m", "-cp", System.getProperty("java.class.path"), ServerMain.class.getName())
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
      String port = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
          .readLine();
      if (port == null) {
        process.destroy();
        throw new IllegalStateException("the model server's process ended before it gave its port");
      }
      URI uri = URI.create("http://127.0.0.1:" + port.strip());
      return new ModelServer() {
        @Override
        public URI uri() {
          return uri;
        }

        @Override
        public void close() throws Exception {
          // why: the server's process ends when its input closes.
          process.getOutputStream().close();
          if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroy();
          }
        }
      };
    }
  }

  /** The model server's own process: prints its port, serves until its input closes. */
  public static final class ServerMain {
    private ServerMain() {}

    public static void main(String[] args) throws Exception {
      try (OipTestServer server = OipTestServer.start()) {
        System.out.println(server.port());
        System.out.flush();
        while (System.in.read() >= 0) {
          // serve until the benchmark closes this input
        }
      }
    }
  }

  /** The engine's own ceiling here: a model that answers without any work. */
  private static final class NoopModel implements ItemModel {
    private static final Map<String, OutputValue> OUTPUT = Map.of("results.json", OutputValue.json("{}"));

    @Override
    public ModelDescriptor descriptor() {
      return DESCRIPTOR;
    }

    @Override
    public Map<String, OutputValue> run(Map<String, InputData> inputs, boolean explain) {
      return OUTPUT;
    }
  }

  private static void report(String name, double[] figures) {
    double[] sorted = figures.clone();
    Arrays.sort(sorted);
    System.out.printf(Locale.ROOT, "%-26s median %,.1f  min %,.1f  max %,.1f  (%d rounds)%n", name,
        sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1], sorted.length);
  }
}
