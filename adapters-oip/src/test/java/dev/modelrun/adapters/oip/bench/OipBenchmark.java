package dev.modelrun.adapters.oip.bench;

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
import dev.modelrun.core.port.in.SubmitJobCommand;
import dev.modelrun.engine.ModelRunEngine;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Items per second of a text job through the engine (in-memory stores) to a remote item model on a local OIP server
 * that answers at once ({@link OipTestServer}), one item per request (batching off) and up to {@code batch} items per
 * request (batching on), against the floor: the same one-item inference requests sent by a plain loop of the JDK
 * HTTP client from {@code concurrency} virtual threads. The engine runs {@code concurrency} workers and the model's
 * limit is {@code concurrency}. Not a test: run it by hand (BENCHMARKS.md); arguments: rounds (5), concurrency (16),
 * items (20,000), batch (32).
 */
public final class OipBenchmark {
  private static final CallerIdentity CALLER = new CallerIdentity("bench", "bench", "bench", "benchkey");
  private static final Duration WAIT = Duration.ofMinutes(10);
  private static final ModelDescriptor DESCRIPTOR = new ModelDescriptor(ModelRef.of("remote-stats", "1"),
      "Remote Text Stats", "", List.of(new ModelInput("input.txt", List.of("text/plain"), 1024)),
      List.of(new ModelOutput("results.json", "application/json")), List.of(), List.of(), false, false,
      Pricing.of(1, 1), ModelTimeouts.of(Duration.ofSeconds(10), Duration.ofSeconds(10)));

  private OipBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 16;
    int items = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
    int batch = args.length > 3 ? Integer.parseInt(args[3]) : 32;
    System.out.printf(Locale.ROOT, "cores=%d java=%s items=%,d concurrency=%d batch=%d%n",
        Runtime.getRuntime().availableProcessors(), Runtime.version(), items, concurrency, batch);
    try (OipTestServer server = OipTestServer.start();
        OipConnections connections = OipConnections.create(Duration.ofSeconds(5));
        HttpClient plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
      URI infer = new OipEndpoint(server.uri(), OipTestServer.TEXT_STATS, "").modelUri("/infer");
      double[] floor = new double[rounds];
      double[] off = new double[rounds];
      double[] on = new double[rounds];
      floor(plain, infer, items, concurrency);
      job(connections, server, 1, concurrency, items);
      job(connections, server, batch, concurrency, items);
      for (int i = 0; i < rounds; i++) {
        floor[i] = floor(plain, infer, items, concurrency);
        off[i] = job(connections, server, 1, concurrency, items);
        on[i] = job(connections, server, batch, concurrency, items);
        System.out.printf(Locale.ROOT, "round %d: floor %,.0f/s  engine, batching off %,.0f/s (%.0f%%)  "
            + "engine, batching on %,.0f/s (%.0f%%)%n", i + 1, floor[i], off[i], 100 * off[i] / floor[i], on[i],
            100 * on[i] / floor[i]);
      }
      report("plain HTTP loop (floor)", floor);
      report("engine, batching off", off);
      report("engine, batching on", on);
      double[] offRatio = new double[rounds];
      double[] onRatio = new double[rounds];
      for (int i = 0; i < rounds; i++) {
        offRatio[i] = 100 * off[i] / floor[i];
        onRatio[i] = 100 * on[i] / floor[i];
      }
      report("off/floor per round, %", offRatio);
      report("on/floor per round, %", onRatio);
    }
  }

  private static double floor(HttpClient http, URI infer, int items, int concurrency) throws Exception {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    long start = System.nanoTime();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < concurrency; t++) {
      threads.add(Thread.ofVirtual().start(() -> {
        for (int i = next.getAndIncrement(); i < items; i = next.getAndIncrement()) {
          String body = "{\"inputs\":[{\"name\":\"input.txt\",\"shape\":[1],\"datatype\":\"BYTES\","
              + "\"parameters\":{\"content_type\":\"str\"},\"data\":[\"text-" + i + "\"]}]}";
          try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(infer)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
              failures.incrementAndGet();
            }
          } catch (Exception e) {
            failures.incrementAndGet();
          }
        }
      }));
    }
    for (Thread thread : threads) {
      thread.join();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (failures.get() > 0) {
      throw new IllegalStateException(failures.get() + " floor requests failed");
    }
    return items / seconds;
  }

  private static double job(OipConnections connections, OipTestServer server, int batch, int concurrency,
      int items) throws Exception {
    RemoteItemModel model = new RemoteItemModel(DESCRIPTOR, connections.client(new OipEndpoint(server.uri(),
        OipTestServer.TEXT_STATS, ""), Resilience.defaults()), batch);
    Map<String, Map<String, String>> sources = new LinkedHashMap<>();
    for (int i = 0; i < items; i++) {
      sources.put("item-" + i, Map.of("input.txt", "text-" + i));
    }
    try (ModelRunEngine engine = ModelRunEngine.builder().model(model, concurrency).workers(concurrency).build()) {
      long start = System.nanoTime();
      JobId id = engine.submit(SubmitJobCommand.of(CALLER, new JobRequest(DESCRIPTOR.ref(), JobSpec.defaults(),
          new TextInput(sources)))).job().job().id();
      Job done = engine.await(id, WAIT);
      double seconds = (System.nanoTime() - start) / 1e9;
      if (done.status() != JobStatus.COMPLETED || done.counters().completed() != items) {
        throw new IllegalStateException("the job ended " + done.status() + " with " + done.counters());
      }
      return items / seconds;
    }
  }

  private static void report(String name, double[] figures) {
    double[] sorted = figures.clone();
    Arrays.sort(sorted);
    System.out.printf(Locale.ROOT, "%-26s median %,.0f  min %,.0f  max %,.0f  (%d rounds)%n", name,
        sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1], sorted.length);
  }
}
