package dev.modelrun.adapters.http;

import dev.modelrun.adapters.http.testkit.OpenApiContract;
import dev.modelrun.core.model.CallerIdentity;
import dev.modelrun.engine.ModelRunEngine;
import java.io.IOException;
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
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The real engine (in-memory, with {@link EchoModel} and the tabular {@link SumModel}) behind the edge on a free port,
 * with two API keys, and a small HTTP client that checks every exchange against openapi.json ({@link OpenApiContract}).
 */
final class TestServer implements AutoCloseable {
  static final String KEY_A = "keya.secret-a";
  static final String KEY_B = "keyb.secret-b";
  static final long MAX_UPLOAD = 256 * 1024;

  final ModelRunEngine engine;
  final HttpEdge edge;
  final EdgeSettings edgeSettings;
  final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  TestServer() {
    this(MAX_UPLOAD);
  }

  TestServer(long maxUpload) {
    this(ModelRunEngine.builder().model(new EchoModel()).model(new SumModel()).workers(2).build(), maxUpload);
  }

  TestServer(ModelRunEngine engine, long maxUpload) {
    this(engine, maxUpload, EdgeTelemetry.none());
  }

  TestServer(ModelRunEngine engine, long maxUpload, EdgeTelemetry telemetry) {
    this(engine, new EdgeSettings("127.0.0.1", 0, maxUpload, 100).withUploads(newUploadDir(), 0), telemetry);
  }

  TestServer(ModelRunEngine engine, EdgeSettings settings, EdgeTelemetry telemetry) {
    this.engine = engine;
    this.edgeSettings = settings;
    Map<String, CallerIdentity> keys = Map.of(
        KEY_A, new CallerIdentity("acme", "team-a", "alice", "keya"),
        KEY_B, new CallerIdentity("acme", "team-b", "bob", "keyb"));
    EdgePorts ports = EdgePorts.of(engine, key -> Optional.ofNullable(keys.get(key)), engine);
    edge = HttpEdge.start(ports, settings, telemetry);
  }

  // why: each server keeps its uploads apart, so a test can count what one left behind.
  private static Path newUploadDir() {
    try {
      Path dir = Files.createTempDirectory("modelrun-test-uploads-");
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** How many uploads this server keeps now. */
  long uploadFiles() {
    try (Stream<Path> files = Files.list(edgeSettings.uploadDir())) {
      return files.count();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + edge.port() + path);
  }

  HttpRequest.Builder request(String path, String key) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
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
    return send(request(path, key).header("Content-Type", "application/json")
        .POST(BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build());
  }

  HttpResponse<String> send(String method, String path, String key, String contentType, BodyPublisher body) {
    HttpRequest.Builder builder = request(path, key).method(method, body);
    if (contentType != null) {
      builder.header("Content-Type", contentType);
    }
    return send(builder.build());
  }

  HttpResponse<String> send(HttpRequest request) {
    HttpResponse<String> response = sendUnchecked(request);
    OpenApiContract.SERVED.check(request, response);
    return response;
  }

  /** Sends without checking the exchange against openapi.json: for answers Jetty gives before any route runs. */
  HttpResponse<String> sendUnchecked(HttpRequest request) {
    try {
      return client.send(request, BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    edge.close();
    engine.close();
  }
}
