package dev.modelrun.adapters.oip.testkit;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Open Inference Protocol (KServe V2) model server for tests and benchmarks, on a free port of 127.0.0.1: the
 * health routes, {@code POST /v2/models/{name}[/versions/{v}]/infer} with the protocol's error answers ({@code
 * {"error": "..."}}, 400 for a bad request, 404 for an unknown model), and faults on demand: an error status, a slow
 * answer, a connection dropped in the middle of its answer.
 *
 * <p>It serves two models: {@link #TEXT_STATS} (an item model: the BYTES input {@code input.txt} in, the BYTES output
 * {@code results.json} out holding {@code {"length": n, "upper": "TEXT", "explained": bool}} for each element) and {@link #ADDER} (a
 * tabular model: FP64 tensors {@code x} and {@code y} in; {@code sum = x + y} (FP64, exact) and {@code sign} (BYTES,
 * {@code pos} or {@code neg}) out).
 */
public final class OipTestServer implements AutoCloseable {
  public static final String TEXT_STATS = "text-stats";
  public static final String ADDER = "adder";
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static final Pattern INFER = Pattern.compile("/v2/models/([^/]+)(?:/versions/([^/]+))?/infer");
  private static final Pattern MODEL_READY = Pattern.compile("/v2/models/([^/]+)(?:/versions/([^/]+))?/ready");

  /** A fault for the next requests: an HTTP status, a dropped connection, or a delay before a normal answer. */
  public sealed interface Fault {}

  public record Status(int code) implements Fault {}

  public record Drop() implements Fault {}

  public record Delay(Duration delay) implements Fault {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final Map<String, Function<JsonNode, ObjectNode>> models = new ConcurrentHashMap<>();
  private final AtomicReference<Fault> fault = new AtomicReference<>();
  private final AtomicInteger faultsLeft = new AtomicInteger();
  private final AtomicInteger inferCalls = new AtomicInteger();
  private volatile boolean ready = true;

  private OipTestServer(HttpServer server) {
    this.server = server;
    models.put(TEXT_STATS, OipTestServer::textStats);
    models.put(ADDER, OipTestServer::adder);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  public static OipTestServer start() {
    try {
      return new OipTestServer(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Serves a model of the caller's own as {@code name}: {@code answer} turns each request into its answer. */
  public void model(String name, Function<JsonNode, ObjectNode> answer) {
    models.put(name, answer);
  }

  /** The next {@code count} inference requests meet {@code fault}; afterwards, normal answers again. */
  public void failNext(int count, Fault next) {
    fault.set(next);
    faultsLeft.set(count);
  }

  /** Every inference request meets {@code fault} until {@link #heal}. */
  public void failAlways(Fault always) {
    failNext(Integer.MAX_VALUE, always);
  }

  public void heal() {
    faultsLeft.set(0);
  }

  public void ready(boolean isReady) {
    this.ready = isReady;
  }

  /** How many inference requests arrived, faults included. */
  public int inferCalls() {
    return inferCalls.get();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      Matcher infer = INFER.matcher(path);
      Matcher modelReady = MODEL_READY.matcher(path);
      if (method.equals("GET") && (path.equals("/v2/health/ready") || path.equals("/v2/health/live"))) {
        send(exchange, ready ? 200 : 503, JSON.createObjectNode().put(path.endsWith("ready") ? "ready" : "live",
            ready));
      } else if (method.equals("GET") && modelReady.matches()) {
        boolean known = models.containsKey(modelReady.group(1));
        send(exchange, known ? (ready ? 200 : 503) : 404, known ? JSON.createObjectNode().put("name",
            modelReady.group(1)).put("ready", ready) : error("model " + modelReady.group(1) + " not found"));
      } else if (method.equals("POST") && infer.matches()) {
        infer(exchange, infer.group(1), infer.group(2));
      } else {
        send(exchange, 404, error("no route " + method + " " + path));
      }
    }
  }

  private void infer(HttpExchange exchange, String model, String version) throws IOException {
    inferCalls.incrementAndGet();
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    Fault now = faultsLeft.getAndUpdate(left -> left > 0 ? left - 1 : 0) > 0 ? fault.get() : null;
    switch (now) {
      case Status(int code) -> {
        send(exchange, code, error("injected failure " + code));
        return;
      }
      case Drop() -> {
        // why: a connection that dies in the middle of the answer: headers promise 1000 bytes, 10 come, then EOF.
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, 1000);
        OutputStream out = exchange.getResponseBody();
        out.write("{\"outputs\"".getBytes(StandardCharsets.UTF_8));
        out.flush();
        throw new IOException("connection dropped on purpose");
      }
      case Delay(Duration delay) -> {
        try {
          Thread.sleep(delay);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      case null -> { }
    }
    Function<JsonNode, ObjectNode> handler = models.get(model);
    if (handler == null) {
      send(exchange, 404, error("model " + model + " not found"));
      return;
    }
    JsonNode request;
    try {
      request = JSON.readTree(body);
    } catch (IOException e) {
      send(exchange, 400, error("the request is not JSON"));
      return;
    }
    if (request == null || !request.path("inputs").isArray()) {
      send(exchange, 400, error("the request has no inputs"));
      return;
    }
    ObjectNode answer;
    try {
      answer = handler.apply(request);
    } catch (IllegalArgumentException e) {
      send(exchange, 400, error(e.getMessage()));
      return;
    }
    answer.put("model_name", model);
    if (version != null) {
      answer.put("model_version", version);
    }
    send(exchange, 200, answer);
  }

  private static ObjectNode textStats(JsonNode request) {
    JsonNode tensor = input(request, "input.txt");
    boolean base64 = tensor.path("parameters").path("content_type").asText().equals("base64");
    boolean explained = request.path("parameters").path("explain").asBoolean(false);
    ObjectNode answer = JSON.createObjectNode();
    ObjectNode output = answer.putArray("outputs").addObject();
    output.put("name", "results.json").put("datatype", "BYTES").putArray("shape").add(tensor.path("data").size());
    ArrayNode data = output.putArray("data");
    for (JsonNode element : tensor.path("data")) {
      String text = base64 ? new String(java.util.Base64.getDecoder().decode(element.asText()), StandardCharsets.UTF_8)
          : element.asText();
      data.add(JSON.createObjectNode().put("length", text.codePointCount(0, text.length()))
          .put("upper", text.toUpperCase(java.util.Locale.ROOT)).put("explained", explained).toString());
    }
    return answer;
  }

  private static ObjectNode adder(JsonNode request) {
    JsonNode x = input(request, "x").path("data");
    JsonNode y = input(request, "y").path("data");
    if (x.size() != y.size()) {
      throw new IllegalArgumentException("x and y differ in length");
    }
    ObjectNode answer = JSON.createObjectNode();
    ArrayNode outputs = answer.putArray("outputs");
    ObjectNode sum = outputs.addObject().put("name", "sum").put("datatype", "FP64");
    sum.putArray("shape").add(x.size());
    ArrayNode sums = sum.putArray("data");
    ObjectNode sign = outputs.addObject().put("name", "sign").put("datatype", "BYTES");
    sign.putArray("shape").add(x.size());
    ArrayNode signs = sign.putArray("data");
    for (int i = 0; i < x.size(); i++) {
      BigDecimal total = x.get(i).decimalValue().add(y.get(i).decimalValue());
      sums.add(total);
      signs.add(total.signum() >= 0 ? "pos" : "neg");
    }
    return answer;
  }

  private static JsonNode input(JsonNode request, String name) {
    for (JsonNode tensor : request.path("inputs")) {
      if (name.equals(tensor.path("name").asText())) {
        return tensor;
      }
    }
    throw new IllegalArgumentException("the request has no input '" + name + "'");
  }

  private static ObjectNode error(String message) {
    return JSON.createObjectNode().put("error", message);
  }

  private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
