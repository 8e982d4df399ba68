package dev.modelrun.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
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
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The real server, started through {@link Server} on a free port with two API keys, and an HTTP client for it that
 * checks every exchange against openapi.json ({@link OpenApiContract}).
 */
final class RunningServer implements AutoCloseable {
  static final String KEY_A = "alpha.alpha-secret-0123456789";
  static final String KEY_B = "beta.beta-secret-9876543210";
  static final long MAX_UPLOAD = 512 * 1024;
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final String BOUNDARY = "it-boundary-5dcb1a";

  final Path dataDir;
  final Server server;
  final String startupOutput;
  final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  RunningServer() {
    this("alpha.alpha-secret-0123456789=acme/red/ann,beta.beta-secret-9876543210=acme/blue/bob");
  }

  RunningServer(String apiKeys) {
    this(newDataDir(), dataDir -> AppConfig.local(0, dataDir, apiKeys, 2, MAX_UPLOAD, "it-node"));
  }

  private RunningServer(Path dataDir, Function<Path, AppConfig> config) {
    this.dataDir = dataDir;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    server = Server.start(config.apply(dataDir), new PrintStream(out, true, StandardCharsets.UTF_8));
    startupOutput = out.toString(StandardCharsets.UTF_8);
  }

  /**
   * A server configured as from the environment: the two keys, 2 workers, a free port and a new data directory,
   * then {@code environment} on top.
   */
  static RunningServer configuredBy(Map<String, String> environment) {
    return new RunningServer(newDataDir(), dataDir -> {
      Map<String, String> env = new HashMap<>(Map.of("MODELRUN_PORT", "0",
          "MODELRUN_DATA_DIR", dataDir.toString(),
          "MODELRUN_API_KEYS", "alpha.alpha-secret-0123456789=acme/red/ann,beta.beta-secret-9876543210=acme/blue/bob",
          "MODELRUN_WORKERS", "2",
          "MODELRUN_MAX_UPLOAD_BYTES", Long.toString(MAX_UPLOAD)));
      env.putAll(environment);
      return AppConfig.fromEnvironment(env);
    });
  }

  private static Path newDataDir() {
    try {
      return Files.createTempDirectory("modelrun-it-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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

  /** A {@code multipart/form-data} body of these parts; parts {@code file} and {@code input} carry a file name. */
  static byte[] multipart(String... namesAndValues) {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      body.append("--").append(BOUNDARY).append("\r\n").append("Content-Disposition: form-data; name=\"")
          .append(namesAndValues[i]).append('"');
      if (namesAndValues[i].equals("file") || namesAndValues[i].equals("input")) {
        body.append("; filename=\"records.csv\"");
      }
      body.append("\r\n\r\n").append(namesAndValues[i + 1]).append("\r\n");
    }
    body.append("--").append(BOUNDARY).append("--\r\n");
    return body.toString().getBytes(StandardCharsets.UTF_8);
  }

  HttpResponse<String> postMultipart(String path, String key, byte[] body) {
    return send("POST", path, key, "multipart/form-data; boundary=" + BOUNDARY, BodyPublishers.ofByteArray(body));
  }

  HttpResponse<String> send(HttpRequest request) {
    HttpResponse<String> response = sendUnchecked(request);
    OpenApiContract.SERVED.check(request, response);
    return response;
  }

  /** Sends without checking the exchange against openapi.json: for requests to another server (S3's links). */
  HttpResponse<String> sendUnchecked(HttpRequest request) {
    HttpResponse<String> response;
    try {
      response = client.send(request, BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
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
    try {
      // why: each server has a data directory of its own under the temp dir; left there, every run piles them up.
      MoreFiles.deleteRecursively(dataDir, RecursiveDeleteOption.ALLOW_INSECURE);
    } catch (IOException e) {
      throw new UncheckedIOException("deleting the data directory " + dataDir, e);
    }
  }
}
