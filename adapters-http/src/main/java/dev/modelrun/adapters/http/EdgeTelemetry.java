package dev.modelrun.adapters.http;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.util.function.Supplier;

/**
 * Where the edge's request meters go, and the text {@code GET /metrics} answers (the Prometheus exposition of every
 * meter of the node).
 */
public record EdgeTelemetry(MeterRegistry meters, Supplier<String> prometheusText) {
  public EdgeTelemetry {
    requireNonNull(meters, "meters");
    requireNonNull(prometheusText, "prometheusText");
  }

  /** Meters kept nowhere, and an empty {@code /metrics}. */
  public static EdgeTelemetry none() {
    return new EdgeTelemetry(new CompositeMeterRegistry(), () -> "");
  }
}
