package dev.modelrun.app.soak;

import java.util.Map;
import java.util.SortedMap;

/**
 * The submit latency the server measured itself over a phase (its {@code http_server_requests_seconds} histogram,
 * from the request's handler to its answer), as upper bounds of the histogram's buckets: what the server spends,
 * without the network, the client, or time waiting for a CPU before the handler runs.
 */
record ServerLatency(long count, double p50UpperSeconds, double p99UpperSeconds) {

  /** The requests between two readings of the buckets. */
  static ServerLatency between(SortedMap<Double, Double> before, SortedMap<Double, Double> after) {
    double total = delta(before, after, Double.POSITIVE_INFINITY);
    return new ServerLatency(Math.round(total), bound(before, after, 0.50 * total),
        bound(before, after, 0.99 * total));
  }

  private static double delta(SortedMap<Double, Double> before, SortedMap<Double, Double> after, double bound) {
    return after.getOrDefault(bound, 0.0) - before.getOrDefault(bound, 0.0);
  }

  private static double bound(SortedMap<Double, Double> before, SortedMap<Double, Double> after, double rank) {
    for (Map.Entry<Double, Double> bucket : after.entrySet()) {
      if (bucket.getValue() - before.getOrDefault(bucket.getKey(), 0.0) >= rank) {
        return bucket.getKey();
      }
    }
    return Double.NaN;
  }

  String describe() {
    return count == 0 ? "no submits" : Format.count(count) + " submits, p50 <= " + Format.millis(nanos(p50UpperSeconds))
        + ", p99 <= " + Format.millis(nanos(p99UpperSeconds));
  }

  private static long nanos(double seconds) {
    return Math.round(seconds * 1e9);
  }
}
