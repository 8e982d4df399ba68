package dev.modelrun.app.soak;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * One client of the server: its own API key, its own HTTP connections (at most {@code connections} requests under
 * way at once; a request waits up to 30 s for a free one), and the number of jobs the server accepted from it (checked at the
 * end against the server's count of that key's jobs).
 */
final class Client implements AutoCloseable {
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final String key;
  private final URI base;
  private final HttpClient http;
  // why: a real client has a bounded connection pool; without one an open loop past capacity opens a connection per
  // waiting request, thousands at once, and measures the operating system's accept queue instead of the server.
  private final Semaphore connections;
  private final LongAdder accepted = new LongAdder();

  Client(String key, URI base, int connections) {
    this.key = key;
    this.base = base;
    this.connections = new Semaphore(connections, true);
    // why: HTTP/1.1 as curl and the SDKs speak it; the default would first try an h2c upgrade on every connection.
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** An answer of the server, or status 0 with the failure as its body when none came (refused, reset, timeout). */
  record Answer(int status, String body, HttpHeaders headers) {
    boolean isOk() {
      return status >= 200 && status < 300;
    }
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT)
        .header("Authorization", "ApiKey " + key).header("x-api-key", key);
  }

  HttpRequest.Builder request(URI absolute) {
    return HttpRequest.newBuilder(absolute).timeout(REQUEST_TIMEOUT);
  }

  Answer send(HttpRequest request) throws InterruptedException {
    // why: when the server stalls, an open loop would otherwise pile up waiting requests without end; a user whose
    // request cannot even start within the timeout has given up, and that counts as no answer.
    if (!connections.tryAcquire(REQUEST_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)) {
      return new Answer(0, "no free connection within " + REQUEST_TIMEOUT.toSeconds() + " s: the client gave up",
          HttpHeaders.of(Map.of(), (name, value) -> true));
    }
    try {
      var response = http.send(request, BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body(), response.headers());
    } catch (IOException e) {
      return new Answer(0, e.getClass().getSimpleName() + ": " + e.getMessage(),
          HttpHeaders.of(Map.of(), (name, value) -> true));
    } finally {
      connections.release();
    }
  }

  Answer get(String path) throws InterruptedException {
    return send(request(path).GET().build());
  }

  void countAccepted() {
    accepted.increment();
  }

  long accepted() {
    return accepted.sum();
  }

  String key() {
    return key;
  }

  @Override
  public void close() {
    http.close();
  }
}
