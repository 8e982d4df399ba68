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
import dev.modelrun.core.model.InputData;
import dev.modelrun.core.model.OutputValue;
import dev.modelrun.core.port.in.SubmitJobCommand;
import dev.modelrun.core.port.out.ItemModel;
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
 * request (batching on), each against its floor: the same inference requests (of one item, or of {@code batch} items)
 * sent by a plain loop of the JDK HTTP client from {@code concurrency} virtual threads. The engine runs {@code concurrency} workers and the model's
 * limit is {@code concurrency}. A no-op model through the same engine shows the engine's own ceiling. Not a test: run it by hand (BENCHMARKS.md); arguments: rounds (5), concurrency (16),
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
      double[] floorBatched = new double[rounds];
      double[] off = new double[rounds];
      double[] on = new double[rounds];
      double[] offRatio = new double[rounds];
      double[] onRatio = new double[rounds];
      double[] onOverSingle = new double[rounds];
      double[] noop = new double[rounds];
      double[] perRequest = new double[rounds];
      floor(plain, infer, items, concurrency, 1);
      floor(plain, infer, items, concurrency, batch);
      job(connections, server, 1, concurrency, items);
      job(connections, server, batch, concurrency, items);
      job(new NoopModel(), concurrency, items);
      for (int i = 0; i < rounds; i++) {
        floor[i] = floor(plain, infer, items, concurrency, 1);
        off[i] = job(connections, server, 1, concurrency, items);
        floorBatched[i] = floor(plain, infer, items, concurrency, batch);
        int callsBefore = server.inferCalls();
        on[i] = job(connections, server, batch, concurrency, items);
        perRequest[i] = (double) items / (server.inferCalls() - callsBefore);
        noop[i] = job(new NoopModel(), concurrency, items);
        offRatio[i] = 100 * off[i] / floor[i];
        onRatio[i] = 100 * on[i] / floorBatched[i];
        onOverSingle[i] = 100 * on[i] / floor[i];
        System.out.printf(Locale.ROOT, "round %d: floor 1/req %,.0f/s  engine off %,.0f/s (%.0f%%)  floor %d/req "
            + "%,.0f/s  engine on %,.0f/s (%.0f%% of floor %d/req, %.0f%% of floor 1/req, %.1f items/request)  engine, "
            + "no-op model %,.0f/s%n", i + 1, floor[i], off[i], offRatio[i], batch, floorBatched[i], on[i],
            onRatio[i], batch, onOverSingle[i], perRequest[i], noop[i]);
      }
      report("floor, 1 item/request", floor);
      report("engine, batching off", off);
      report("floor, " + batch + " items/request", floorBatched);
      report("engine, batching on", on);
      report("engine, no-op model", noop);
      report("engine on, items/request", perRequest);
      report("off / floor 1, %", offRatio);
      report("on / floor " + batch + ", %", onRatio);
      report("on / floor 1, %", onOverSingle);
    }
  }

  /** Items per second of a plain loop sending {@code batch} items per request from {@code concurrency} threads. */
  private static double floor(HttpClient http, URI infer, int items, int concurrency, int batch) throws Exception {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    long start = System.nanoTime();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < concurrency; t++) {
      threads.add(Thread.ofVirtual().start(() -> {
        for (int i = next.getAndAdd(batch); i < items; i = next.getAndAdd(batch)) {
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
              if (http.send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode() != 200) {
                failures.incrementAndGet();
              }
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
    if (failures.get() > 0) {
      throw new IllegalStateException(failures.get() + " floor requests failed");
    }
    return items / seconds;
  }

  private static double job(OipConnections connections, OipTestServer server, int batch, int concurrency,
      int items) throws Exception {
    return job(new RemoteItemModel(DESCRIPTOR, connections.client(new OipEndpoint(server.uri(),
        OipTestServer.TEXT_STATS, ""), Resilience.defaults()), batch), concurrency, items);
  }

  /** Items per second of a text job through the engine to {@code model}, {@code concurrency} calls at once. */
  private static double job(ItemModel model, int concurrency, int items) throws Exception {
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
    System.out.printf(Locale.ROOT, "%-26s median %,.0f  min %,.0f  max %,.0f  (%d rounds)%n", name,
        sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1], sorted.length);
  }
}
