package dev.modelrun.adapters.http;

import static java.util.Objects.requireNonNull;

import dev.modelrun.core.model.ModelNotFoundException;
import dev.modelrun.core.model.ModelRef;
import dev.modelrun.core.model.OverCapacityException;
import dev.modelrun.core.port.in.ReadinessUseCase.Readiness;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.router.ParsedEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server of ModelRun: the Modzy-style routes, the on-demand routes under {@code /api/v1}, the service
 * routes (health, {@code /metrics}, {@code /openapi.json}, Swagger UI at {@code /swagger}) and the jobs dashboard at
 * {@code /}, over the inbound ports it is given. Every error, the framework's own 404 and 405 included, answers in
 * the contract's shape; nothing a client sends yields a 5xx or a stack trace.
 */
public final class HttpEdge implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpEdge.class);

  /**
   * The headers of the dashboard's files. why: their names carry no version, so the browser revalidates them (by
   * ETag) on every load and a new server's page shows at once; the page loads nothing from elsewhere, and the
   * policy keeps it so.
   */
  static final Map<String, String> DASHBOARD_HEADERS = Map.of(
      "Cache-Control", "no-cache",
      "Content-Security-Policy", "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
          + "form-action 'self'; frame-ancestors 'none'");

  private final Javalin app;

  private HttpEdge(Javalin app) {
    this.app = app;
  }

  /** Starts listening on {@code settings.host()}:{@code settings.port()} (0 for a free port). */
  public static HttpEdge start(EdgePorts ports, EdgeSettings settings) {
    return start(ports, settings, EdgeTelemetry.none());
  }

  /** As {@link #start(EdgePorts, EdgeSettings)}, with request meters and {@code GET /metrics}. */
  public static HttpEdge start(EdgePorts ports, EdgeSettings settings, EdgeTelemetry telemetry) {
    requireNonNull(ports, "ports");
    requireNonNull(settings, "settings");
    requireNonNull(telemetry, "telemetry");
    Javalin app = create(ports, settings, telemetry);
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

  private static Javalin create(EdgePorts ports, EdgeSettings settings, EdgeTelemetry telemetry) {
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
      config.requestLogger.http(new RequestLog(telemetry.meters())::handle);
      // why: the jobs dashboard at / is static files (classpath folder dashboard/) that need no key: the page asks
      // for one and sends it with its API calls. Javalin tries them only for GET and HEAD requests that no route
      // matched, so the API's routes and their authentication stay as they are.
      config.staticFiles.add(files -> {
        files.hostedPath = "/";
        files.directory = "/dashboard";
        files.location = Location.CLASSPATH;
        files.headers = DASHBOARD_HEADERS;
      });
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
      Readiness readiness = ports.readiness().readiness();
      ctx.status(readiness.ready() ? 200 : 503).contentType("application/json").result(json.write(Map.of(
          "status", readiness.ready() ? "UP" : "DOWN", "checks", new TreeMap<>(readiness.checks()))));
    });
    app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
        .result(telemetry.prometheusText().get()));
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
    if (failure instanceof OverCapacityException full) {
      // why: whole seconds, rounded up, as RFC 9110 has it; a client waiting less would only be refused again.
      ctx.header("Retry-After", Long.toString(Math.max(1, full.retryAfter().plusMillis(999).toSeconds())));
    } else if (failure instanceof HttpProblem problem && problem.retryAfterSeconds() > 0) {
      ctx.header("Retry-After", Integer.toString(problem.retryAfterSeconds()));
    }
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
