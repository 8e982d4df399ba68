package dev.modelrun.adapters.http;

import static java.util.Objects.requireNonNull;

import dev.modelrun.core.model.ModelNotFoundException;
import dev.modelrun.core.model.ModelRef;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.router.ParsedEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server of ModelRun: the Modzy-style routes, the on-demand routes under {@code /api/v1} and the service
 * routes (health, {@code /openapi.json}, Swagger UI at {@code /swagger}), over the inbound ports it is given. Every
 * error, the framework's own 404 and 405 included, answers in the contract's shape; nothing a client sends yields a
 * 5xx or a stack trace.
 */
public final class HttpEdge implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpEdge.class);

  private final Javalin app;

  private HttpEdge(Javalin app) {
    this.app = app;
  }

  /** Starts listening on {@code settings.host()}:{@code settings.port()} (0 for a free port). */
  public static HttpEdge start(EdgePorts ports, EdgeSettings settings) {
    requireNonNull(ports, "ports");
    requireNonNull(settings, "settings");
    Javalin app = create(ports, settings);
    app.start(settings.host(), settings.port());
    return new HttpEdge(app);
  }

  /** The port the server listens on. */
  public int port() {
    return app.port();
  }

  /**
   * Every route this edge answers, as {@code METHOD /path} with Javalin's path parameters ({@code {id}}); the static
   * files below {@code /swagger} are not routes.
   */
  List<String> routes() {
    // why: the router's own table, as Javalin's route overview reads it; before/after handlers are not routes.
    return app.unsafeConfig().pvt.internalRouter.allHttpHandlers().stream()
        .map(ParsedEndpoint::getEndpoint)
        .filter(endpoint -> endpoint.getMethod().isHttpMethod())
        .map(endpoint -> endpoint.getMethod() + " " + endpoint.getPath())
        .toList();
  }

  /** Stops taking requests and lets the ones in flight finish. */
  @Override
  public void close() {
    app.stop();
  }

  private static Javalin create(EdgePorts ports, EdgeSettings settings) {
    Json json = new Json(settings.maxUploadBytes());
    Map<ModelRef, Boolean> imageModels = new ConcurrentHashMap<>();
    Views views = new Views(json, job -> imageModels.computeIfAbsent(job.model(), ref -> {
      try {
        return ports.catalog().descriptor(ref.identifier(), ref.version()).imageClassification();
      } catch (ModelNotFoundException e) {
        return false;
      }
    }));
    Authentication authentication = new Authentication(ports.authenticate());
    byte[] openApi = resource("openapi.json");
    byte[] swaggerPage = resource("swagger/index.html");

    Javalin app = Javalin.create(config -> {
      config.showJavalinBanner = false;
      config.startupWatcherEnabled = false;
      config.useVirtualThreads = true;
      config.http.prefer405over404 = true;
      config.http.maxRequestSize = settings.maxUploadBytes();
      // why: Javalin copies each response through a buffer of this size; its 32 KiB default costs more than the
      // small JSON answers it carries.
      config.http.responseBufferSize = 8 * 1024;
      config.router.ignoreTrailingSlashes = true;
      config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler(json)));
      SwaggerUi.serveFiles(config);
    });
    // why: a model's output is served with the media type the model chose; a browser must not guess another.
    app.before(ctx -> ctx.header("X-Content-Type-Options", "nosniff"));
    app.before("/api/*", authentication::require);
    // why: Javalin answers its own 404/405 in plain text unless HttpResponseException has a handler of its own.
    app.exception(HttpResponseException.class, (failure, ctx) -> fail(ctx, failure, json));
    app.exception(Exception.class, (failure, ctx) -> fail(ctx, failure, json));

    app.get("/health/live", ctx -> ctx.contentType("application/json")
        .result(json.write(Map.of("status", "UP"))));
    app.get("/health/ready", ctx -> {
      boolean ready = ports.ready().getAsBoolean();
      ctx.status(ready ? 200 : 503).contentType("application/json")
          .result(json.write(Map.of("status", ready ? "UP" : "DOWN")));
    });
    app.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
    SwaggerUi.register(app, swaggerPage);

    new ModzyRoutes(ports, settings, json, views).register(app);
    new OnDemandRoutes(ports, settings, json, views).register(app);
    // why: outside /api, as the signed link itself is the authorization.
    new DownloadRoutes(ports.download(), json).register(app);
    return app;
  }

  private static void fail(Context ctx, Exception failure, Json json) {
    ErrorTable.Answer answer = ErrorTable.answer(failure, ctx.method().name(), ctx.path());
    if (answer.isServerError()) {
      LOG.error("{} {} failed", ctx.method(), ctx.path(), failure);
    }
    Object body = ctx.path().startsWith("/api/v1/") || ctx.path().equals("/api/v1")
        ? Views.envelopeError(answer.message())
        : Views.modzyError(answer.status(), answer.message());
    ctx.status(answer.status()).contentType("application/json").result(json.write(body));
  }

  private static byte[] resource(String name) {
    try (InputStream in = HttpEdge.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
