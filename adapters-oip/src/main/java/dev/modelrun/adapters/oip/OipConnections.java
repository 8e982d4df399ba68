package dev.modelrun.adapters.oip;

import static java.util.Objects.requireNonNull;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pooled HTTP connections that every remote model of a process shares (the JDK client keeps connections to each
 * server alive and reuses them); models that wait a different time to connect share a pool of their own. Close it
 * after the engine that runs the models.
 */
public final class OipConnections implements AutoCloseable {
  private final Duration connectTimeout;
  // why: the JDK client sets its connect timeout for all its requests, so each timeout has its own client and pool.
  private final Map<Duration, HttpClient> clients = new ConcurrentHashMap<>();
  private volatile boolean closed;

  private OipConnections(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  /** Connections that give up connecting after {@code connectTimeout}, unless a model says otherwise. */
  public static OipConnections create(Duration connectTimeout) {
    requireNonNull(connectTimeout, "connectTimeout");
    if (!connectTimeout.isPositive()) {
      throw new IllegalArgumentException("connectTimeout must be positive but was " + connectTimeout);
    }
    return new OipConnections(connectTimeout);
  }

  /** A client of one model on a server, with its own retries and circuit breaker. */
  public OipClient client(OipEndpoint endpoint, Resilience resilience) {
    return client(endpoint, resilience, connectTimeout);
  }

  /** A client of one model on a server that gives up connecting after {@code connectTimeout}. */
  public OipClient client(OipEndpoint endpoint, Resilience resilience, Duration connectTimeout) {
    requireNonNull(connectTimeout, "connectTimeout");
    if (!connectTimeout.isPositive()) {
      throw new IllegalArgumentException("connectTimeout must be positive but was " + connectTimeout);
    }
    if (closed) {
      throw new IllegalStateException("the connections are closed");
    }
    return new OipClient(clients.computeIfAbsent(connectTimeout, OipConnections::http), endpoint, resilience);
  }

  private static HttpClient http(Duration connectTimeout) {
    return HttpClient.newBuilder()
        // why: model servers (Triton, MLServer, KServe) speak HTTP/1.1 on their plain-text port; asking for an h2c
        // upgrade on every new connection only costs a round trip.
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /** Closes the connections at once; requests still in flight fail. */
  @Override
  public void close() {
    closed = true;
    // why: close() would wait for requests still in flight, each up to its timeout; the engine, closed first, has
    // already given up on them.
    clients.values().forEach(HttpClient::shutdownNow);
  }
}
