package dev.modelrun.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelrun.adapters.http.testkit.OpenApiContract;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * The real server, started through {@link Server} on a free port with two API keys, and an HTTP client for it that
 * checks every exchange against openapi.json ({@link OpenApiContract}).
 */
final class RunningServer implements AutoCloseable {
  static final String KEY_A = "alpha.alpha-secret-0123456789";
  static final String KEY_B = "beta.beta-secret-9876543210";
  static final long MAX_UPLOAD = 512 * 1024;
  static final ObjectMapper MAPPER = new ObjectMapper();

  final Path dataDir;
  final Server server;
  final String startupOutput;
  final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  RunningServer() {
    this("alpha.alpha-secret-0123456789=acme/red/ann,beta.beta-secret-9876543210=acme/blue/bob");
  }

  RunningServer(String apiKeys) {
    try {
      dataDir = Files.createTempDirectory("modelrun-it-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    server = Server.start(AppConfig.local(0, dataDir, apiKeys, 2, MAX_UPLOAD, "it-node"),
        new PrintStream(out, true, StandardCharsets.UTF_8));
    startupOutput = out.toString(StandardCharsets.UTF_8);
  }

  String url() {
    return "http://localhost:" + server.port();
  }

  HttpRequest.Builder request(String path, String key) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(70));
    if (key != null) {
      builder.header("Authorization", "ApiKey " + key);
    }
    return builder;
  }

  HttpResponse<String> get(String path, String key) {
    return send(request(path, key).GET().build());
  }

  HttpResponse<String> delete(String path, String key) {
    return send(request(path, key).DELETE().build());
  }

  HttpResponse<String> postJson(String path, String key, String json) {
    return send("POST", path, key, "application/json", BodyPublishers.ofString(json));
  }

  HttpResponse<String> send(String method, String path, String key, String contentType, BodyPublisher body) {
    HttpRequest.Builder builder = request(path, key).method(method, body);
    if (contentType != null) {
      builder.header("Content-Type", contentType);
    }
    return send(builder.build());
  }

  HttpResponse<String> send(HttpRequest request) {
    HttpResponse<String> response;
    try {
      response = client.send(request, BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    OpenApiContract.SERVED.check(request, response);
    return response;
  }

  static JsonNode json(HttpResponse<String> response) {
    try {
      return MAPPER.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON (" + response.statusCode() + "): " + response.body(), e);
    }
  }

  static String sentimentJob(String text) {
    return "{\"model\": {\"identifier\": \"ed542963de\", \"version\": \"0.0.27\"}, \"explain\": false,"
        + " \"timeout\": 60000, \"hoursDeleteInput\": 1,"
        + " \"input\": {\"type\": \"text\", \"sources\": {\"my-item\": {\"input.txt\": \"" + text + "\"}}}}";
  }

  JsonNode awaitEnd(String key, String id) {
    Instant deadline = Instant.now().plusSeconds(30);
    while (Instant.now().isBefore(deadline)) {
      JsonNode job = json(get("/api/jobs/" + id, key));
      if (Set.of("COMPLETED", "ERROR", "CANCELED", "TIMEDOUT").contains(job.path("status").asText())) {
        return job;
      }
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("job " + id + " did not end");
  }

  Map<String, String> environment(String key) {
    return Map.of("MODELRUN_URL", url(), "KEY", key);
  }

  @Override
  public void close() {
    server.close();
  }
}
