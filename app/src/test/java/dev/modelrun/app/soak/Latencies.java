package dev.modelrun.app.soak;

import java.util.Arrays;

/** Durations in nanoseconds, appended from many threads, read as percentiles over all of them or a window. */
final class Latencies {
  private long[] values = new long[1024];
  private int size;

  synchronized void add(long nanos) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = nanos;
  }

  synchronized int size() {
    return size;
  }

  /** The percentiles of the values added between the {@code from}th and the {@code to}th. */
  synchronized Percentiles between(int from, int to) {
    return Percentiles.of(Arrays.copyOfRange(values, from, to));
  }

  Percentiles all() {
    return between(0, size());
  }

  /** p50, p95, p99 and max of some durations (all 0 when there were none). */
  record Percentiles(int count, long p50, long p95, long p99, long max) {
    static Percentiles of(long[] nanos) {
      if (nanos.length == 0) {
        return new Percentiles(0, 0, 0, 0, 0);
      }
      long[] sorted = nanos.clone();
      Arrays.sort(sorted);
      return new Percentiles(sorted.length, rank(sorted, 0.50), rank(sorted, 0.95), rank(sorted, 0.99),
          sorted[sorted.length - 1]);
    }

    // why: nearest-rank percentile, so p99 is a latency some request really had
    private static long rank(long[] sorted, double quantile) {
      return sorted[Math.max(0, (int) Math.ceil(quantile * sorted.length) - 1)];
    }
  }
}
