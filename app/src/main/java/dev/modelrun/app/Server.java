package dev.modelrun.app;

import static java.util.Objects.requireNonNull;

import dev.modelrun.adapters.http.EdgePorts;
import dev.modelrun.adapters.http.EdgeSettings;
import dev.modelrun.adapters.http.HttpEdge;
import dev.modelrun.engine.ModelRunEngine;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: the API keys, the engine (in-memory stores, the models found on the class path) and the HTTP
 * edge over it. Closing it stops taking requests first, then closes the engine, which hands back unfinished work.
 */
public final class Server implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Server.class);

  private final ModelRunEngine engine;
  private final HttpEdge edge;
  private final AtomicBoolean running;
  private final AtomicBoolean closed = new AtomicBoolean();

  private Server(ModelRunEngine engine, HttpEdge edge, AtomicBoolean running) {
    this.engine = engine;
    this.edge = edge;
    this.running = running;
  }

  /**
   * Starts the server and prints its URL to {@code out}; when no key is configured at all, makes one, prints it once
   * and keeps its hash in the keys file.
   *
   * @throws ConfigException when the keys are malformed
   */
  public static Server start(AppConfig config, PrintStream out) {
    requireNonNull(config, "config");
    ApiKeyRing keys = ApiKeyRing.load(config.apiKeys(), config.keysFile());
    String generated = keys.isEmpty() ? keys.create(config.keysFile(), "default", "default", "admin") : null;
    ModelRunEngine engine = ModelRunEngine.builder()
        .discoverModels()
        .workers(config.workers())
        .nodeId(config.nodeId())
        .build();
    AtomicBoolean running = new AtomicBoolean(true);
    HttpEdge edge;
    try {
      edge = HttpEdge.start(EdgePorts.of(engine, keys, running::get),
          new EdgeSettings("0.0.0.0", config.port(), config.maxUploadBytes(), engine.maxItemsPerJob()));
    } catch (RuntimeException e) {
      engine.close();
      throw e;
    }
    String url = "http://localhost:" + edge.port();
    out.println("ModelRun is listening on " + url + " (" + engine.models().size() + " models, "
        + config.workers() + " workers)");
    if (generated != null) {
      out.println("No API key was configured, so one was made. It is shown only now; its hash is kept in "
          + config.keysFile() + ":");
      out.println("  " + generated);
      out.println("Try: curl -H 'Authorization: ApiKey " + generated + "' " + url + "/api/models");
    }
    out.flush();
    return new Server(engine, edge, running);
  }

  public int port() {
    return edge.port();
  }

  /** Stops taking requests, then closes the engine; safe to call twice. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    LOG.info("shutting down: no new requests; running work finishes or is handed back");
    running.set(false);
    try {
      edge.close();
    } finally {
      engine.close();
    }
    LOG.info("stopped");
  }
}
