package dev.modelrun.adapters.http;

import dev.modelrun.core.model.CallerIdentity;
import dev.modelrun.engine.ModelRunEngine;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * Not a test: a server for measuring the edge with a load tool (see BENCHMARKS.md). It starts the edge over the
 * real engine (in-memory stores, the echo model) and, in the same JVM, a bare Javalin route that returns a constant;
 * it submits one job for the GET measurement and prints the URLs, then runs until killed.
 */
public final class HttpBenchmark {
  private HttpBenchmark() {}

  public static void main(String[] args) throws Exception {
    String key = "bench.bench-secret";
    CallerIdentity caller = new CallerIdentity("bench", "bench", "bench", "bench");
    ModelRunEngine engine = ModelRunEngine.builder().model(new EchoModel()).workers(2).build();
    HttpEdge edge = HttpEdge.start(
        EdgePorts.of(engine, k -> key.equals(k) ? Optional.of(caller) : Optional.empty(), engine),
        new EdgeSettings("127.0.0.1", 18090, EdgeSettings.DEFAULT_MAX_UPLOAD_BYTES, 10_000));
    Javalin bare = Javalin.create(config -> {
      config.showJavalinBanner = false;
      config.useVirtualThreads = true;
    }).get("/bare", ctx -> ctx.contentType("application/json").result("{\"status\":\"UP\"}"))
        .start("127.0.0.1", 18091);

    HttpResponse<String> job = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:18090/api/jobs"))
        .header("Authorization", "ApiKey " + key).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"model\": {\"identifier\": \"echo\", \"version\": \"1.0.0\"},"
            + " \"input\": {\"type\": \"text\", \"sources\": {\"my-item\": {\"input.txt\": \"I love it\"}}}}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    String id = job.body().replaceAll(".*\"jobIdentifier\":\"([^\"]+)\".*", "$1");
    System.out.println("edge http://127.0.0.1:18090 key " + key + " job " + id);
    System.out.println("bare http://127.0.0.1:18091/bare");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      bare.stop();
      edge.close();
      engine.close();
    }));
    new CountDownLatch(1).await();
  }
}
