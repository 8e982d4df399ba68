package dev.modelrun.adapters.oip;

import java.net.http.HttpClient;
import java.time.Duration;

/**
 * The pooled HTTP connections that every remote model of a process shares (the JDK client keeps connections to each
 * server alive and reuses them). Close it after the engine that runs the models.
 */
public final class OipConnections implements AutoCloseable {
  private final HttpClient http;

  private OipConnections(HttpClient http) {
    this.http = http;
  }

  /** Connections that give up connecting after {@code connectTimeout}. */
  public static OipConnections create(Duration connectTimeout) {
    return new OipConnections(HttpClient.newBuilder()
        // why: model servers (Triton, MLServer, KServe) speak HTTP/1.1 on their plain-text port; asking for an h2c
        // upgrade on every new connection only costs a round trip.
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build());
  }

  /** A client of one model on a server, with its own retries and circuit breaker. */
  public OipClient client(OipEndpoint endpoint, Resilience resilience) {
    return new OipClient(http, endpoint, resilience);
  }

  /** Closes the connections at once; requests still in flight fail. */
  @Override
  public void close() {
    // why: close() would wait for requests still in flight, each up to its timeout; the engine, closed first, has
    // already given up on them.
    http.shutdownNow();
  }
}
