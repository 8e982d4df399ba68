package dev.modelrun.app;

import static java.util.Objects.requireNonNull;

import dev.modelrun.adapters.http.EdgePorts;
import dev.modelrun.adapters.http.EdgeSettings;
import dev.modelrun.adapters.http.EdgeTelemetry;
import dev.modelrun.adapters.http.HttpEdge;
import dev.modelrun.adapters.jdbc.JdbcStores;
import dev.modelrun.adapters.jdbc.StoreException;
import dev.modelrun.adapters.jdbc.source.JdbcInputSource;
import dev.modelrun.adapters.s3.S3Connections;
import dev.modelrun.adapters.s3.S3FolderInputSource;
import dev.modelrun.adapters.s3.S3ObjectInputSource;
import dev.modelrun.adapters.s3.S3Settings;
import dev.modelrun.adapters.s3.S3Storage;
import dev.modelrun.adapters.oip.OipClient;
import dev.modelrun.adapters.oip.OipConnections;
import dev.modelrun.adapters.oip.RemoteItemModel;
import dev.modelrun.adapters.oip.RemoteTabularModel;
import dev.modelrun.core.model.ModelRef;
import dev.modelrun.core.port.in.ReadinessUseCase;
import dev.modelrun.core.port.in.ReadinessUseCase.Readiness;
import dev.modelrun.core.port.out.FileStore;
import dev.modelrun.core.port.out.Model;
import dev.modelrun.core.port.out.ResultStore;
import dev.modelrun.engine.DirectoryFileStore;
import dev.modelrun.engine.ModelRunEngine;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: the API keys, the durable stores (an H2 file by default, PostgreSQL when configured), S3 for
 * S3 inputs (and results when configured), the engine with the models found on the class path and those of the models
 * file (remote ones over the Open Inference Protocol), and the HTTP edge over
 * it. Closing it stops taking requests first, then closes the engine, which hands back unfinished work, then the
 * stores.
 */
public final class Server implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Server.class);

  private final HttpEdge edge;
  private final AtomicBoolean running;
  private final Closer closer;
  private final AtomicBoolean closed = new AtomicBoolean();

  private Server(HttpEdge edge, AtomicBoolean running, Closer closer) {
    this.edge = edge;
    this.running = running;
    this.closer = closer;
  }

  /**
   * Starts the server and prints its URL to {@code out}; when no key is configured at all, makes one, prints it once
   * and keeps its hash in the keys file.
   *
   * @throws ConfigException when the keys are malformed or the store cannot be opened
   */
  public static Server start(AppConfig config, PrintStream out) {
    requireNonNull(config, "config");
    ApiKeyRing keys = ApiKeyRing.load(config.apiKeys(), config.keysFile());
    String generated = keys.isEmpty() ? keys.create(config.keysFile(), "default", "default", "admin") : null;
    // why: links are signed with a secret kept under the data dir (or MODELRUN_LINK_SECRET), so they outlive a
    // restart and every node of a cluster sharing the data dir or the variable signs alike; the key that seals the
    // S3 credentials of stored items derives from it, for the same reasons.
    byte[] linkSecret = LinkSecret.resolve(config.linkSecret(), config.dataDir());
    // why: closed in reverse order of opening: the edge, then the engine (it hands its running work back to the
    // still open stores), then the stores and S3.
    Closer closer = new Closer();
    try {
      PrometheusMeterRegistry meters = closer.register(new NodeMeters(config.nodeId())).registry();
      // why: with the link secret, so every node sharing it opens the S3 items that any node stored as references.
      S3Connections s3 = closer.register(S3Connections.create(config.s3()
          .withMaxConnections(Math.max(S3Settings.DEFAULT_MAX_CONNECTIONS, 2 * config.workers())), linkSecret));
      JdbcStores stores = closer.register(openStores(config, meters, s3));
      Optional<S3Storage> s3Results = config.results().map(location -> S3Storage.open(s3, location));
      s3Results.ifPresent(closer::register);
      // why: registered before the engine, so closed after it: the engine's last calls still have their connections.
      OipConnections oip = closer.register(OipConnections.create(Duration.ofSeconds(10)));
      List<ModelsFile.Declared> declared = config.modelsFile()
          .map(file -> ModelsFile.load(file, builtInRefs(), config.workers(), oip)).orElse(List.of());
      ModelRunEngine.Builder builder = ModelRunEngine.builder().discoverModels();
      declared.forEach(model -> builder.model(model.model(), model.concurrency()));
      ModelRunEngine engine = closer.register(builder
          .workers(config.workers())
          .nodeId(config.nodeId())
          .jobStore(stores.jobStore())
          .inputStore(stores.inputStore())
          .resultStore(s3Results.<ResultStore>map(S3Storage::results).orElse(stores.resultStore()))
          .fileStore(s3Results.<FileStore>map(S3Storage::files)
              .orElseGet(() -> new DirectoryFileStore(config.dataDir().resolve("files"))))
          .inputSource(new JdbcInputSource(config.jdbcSource()))
          .inputSource(new S3ObjectInputSource(s3))
          .inputSource(new S3FolderInputSource(s3))
          // why: a jdbc job has one item per row, up to the source's row limit.
          .maxItemsPerJob(Math.max(ModelRunEngine.DEFAULT_MAX_ITEMS_PER_JOB, config.jdbcSource().maxRows()))
          .maxQueuedItems(config.maxQueuedItems())
          .meterRegistry(meters)
          .resultLinks(URI.create(config.publicUrl().isEmpty() ? "/" : config.publicUrl()), linkSecret)
          .build());
      stores.onNewWork(engine::workArrived);
      AtomicBoolean running = new AtomicBoolean(true);
      ReadinessUseCase readiness = () -> running.get() ? engine.readiness()
          : Readiness.down("server", "shutting down");
      HttpEdge edge = closer.register(HttpEdge.start(EdgePorts.of(engine, keys, readiness),
          new EdgeSettings("0.0.0.0", config.port(), config.maxUploadBytes(), engine.maxItemsPerJob())
              .withUploads(config.uploadDir(), config.minFreeDiskBytes()),
          new EdgeTelemetry(meters, meters::scrape)));
      String url = "http://localhost:" + edge.port();
      Thread.ofVirtual().name("modelrun-model-servers-check").start(() -> warnOfUnreadyServers(declared));
      out.println("ModelRun is listening on " + url + " (" + engine.models().size() + " models, "
          + config.workers() + " workers, store " + (stores.isPostgres() ? "PostgreSQL" : "H2 file") + ")");
      if (generated != null) {
        out.println("No API key was configured, so one was made. It is shown only now; its hash is kept in "
            + config.keysFile() + ":");
        out.println("  " + generated);
        out.println("Try: curl -H 'Authorization: ApiKey " + generated + "' " + url + "/api/models");
      }
      out.flush();
      return new Server(edge, running, closer);
    } catch (RuntimeException e) {
      closer.close();
      throw e;
    }
  }

  private static Set<ModelRef> builtInRefs() {
    Set<ModelRef> refs = new HashSet<>();
    ServiceLoader.load(Model.class).forEach(model -> refs.add(model.descriptor().ref()));
    return refs;
  }

  // why: a model server may well start after this one; its models' items fail until it does, so say so at once.
  private static void warnOfUnreadyServers(List<ModelsFile.Declared> declared) {
    for (ModelsFile.Declared model : declared) {
      OipClient client = switch (model.model()) {
        case RemoteItemModel remote -> remote.client();
        case RemoteTabularModel remote -> remote.client();
        default -> null;
      };
      try {
        if (client != null && !client.ready()) {
          LOG.warn("model {} runs on {}, which is not ready now; its items fail until it is",
              model.model().descriptor().ref(), client.endpoint());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static JdbcStores openStores(AppConfig config, PrometheusMeterRegistry meters, S3Connections s3) {
    try {
      return JdbcStores.open(config.store(), meters, List.of(s3.inputReferences()));
    } catch (StoreException e) {
      throw new ConfigException("cannot open the job store at " + config.store().url() + ": " + e.getMessage());
    }
  }

  /** What the server opened, closed in reverse order; a failure to close one is logged and the rest still close. */
  private static final class Closer {
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();

    <T extends AutoCloseable> T register(T resource) {
      opened.push(resource);
      return resource;
    }

    void close() {
      while (!opened.isEmpty()) {
        AutoCloseable resource = opened.pop();
        try {
          resource.close();
        } catch (Exception e) {
          LOG.warn("closing {} failed", resource.getClass().getSimpleName(), e);
        }
      }
    }
  }

  public int port() {
    return edge.port();
  }

  /** Stops taking requests, then closes the engine, then the stores; safe to call twice. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    LOG.info("shutting down: no new requests; running work finishes or is handed back");
    running.set(false);
    // why: the edge, then the engine (it hands its running work back to the still open stores), then the stores.
    closer.close();
    LOG.info("stopped");
  }
}
