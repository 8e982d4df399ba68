package dev.modelrun.adapters.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.modelrun.core.model.CallerIdentity;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After every request: one JSON line on the logger {@code modelrun.requests} (method, route, status, duration, the
 * caller's key prefix) and the meter {@code http.server.requests} by method, route and status. The route is the
 * template ({@code /api/jobs/{jobId}}), never the path, so neither the log nor the meters hold a client's ids or text.
 */
final class RequestLog {
  private static final Logger LOG = LoggerFactory.getLogger("modelrun.requests");
  private static final JsonFactory JSON = new JsonFactory();

  private final MeterRegistry meters;
  // why: finding a timer in the registry builds its id and tags on every request; the set of keys is bounded by the
  // routes times the methods and statuses the edge answers.
  private final ConcurrentMap<TimerKey, Timer> timers = new ConcurrentHashMap<>();

  RequestLog(MeterRegistry meters) {
    this.meters = meters;
  }

  void handle(Context ctx, Float millis) {
    String route = route(ctx);
    int status = ctx.statusCode();
    timers.computeIfAbsent(new TimerKey(ctx.method().name(), route, status), this::timer)
        .record((long) (millis * 1_000_000), TimeUnit.NANOSECONDS);
    if (LOG.isInfoEnabled()) {
      CallerIdentity caller = Authentication.callerOrNull(ctx);
      LOG.info(line(ctx.method().name(), route, status, millis, caller == null ? null : caller.keyPrefix()));
    }
  }

  private Timer timer(TimerKey key) {
    return Timer.builder("http.server.requests").description("HTTP requests by method, route and status")
        .tag("method", key.method()).tag("route", key.route()).tag("status", Integer.toString(key.status()))
        .publishPercentileHistogram().register(meters);
  }

  private record TimerKey(String method, String route, int status) {}

  static String line(String method, String route, int status, float millis, String keyPrefix) {
    StringWriter text = new StringWriter(160);
    try (JsonGenerator json = JSON.createGenerator(text)) {
      json.writeStartObject();
      json.writeStringField("event", "http.request");
      json.writeStringField("method", method);
      json.writeStringField("route", route);
      json.writeNumberField("status", status);
      json.writeNumberField("ms", Math.round(millis * 100) / 100.0);
      if (keyPrefix != null) {
        json.writeStringField("keyPrefix", keyPrefix);
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  // why: requests no route matched (static files of the dashboard, 404s) all share one name, so a scan of random
  // paths cannot blow up the number of meters.
  private static String route(Context ctx) {
    try {
      String route = ctx.endpointHandlerPath();
      return route.isEmpty() || route.equals("*") ? "unmatched" : route;
    } catch (RuntimeException e) {
      return "unmatched";
    }
  }
}
