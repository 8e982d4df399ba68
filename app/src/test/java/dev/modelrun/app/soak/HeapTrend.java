package dev.modelrun.app.soak;

import dev.modelrun.app.soak.Sampler.Sample;
import java.util.Arrays;
import java.util.List;

/**
 * Whether the heap the server keeps grows under steady load: the old generation after collections
 * ({@code jvm_gc_live_data_size_bytes}) in the first and the last third of the load phase, its slope over the
 * phase, and the heap after a full collection before and after the phase.
 */
record HeapTrend(int readings, double firstThirdBytes, double lastThirdBytes, double slopeBytesPerMinute,
    double beforeFullGcBytes, double afterFullGcBytes) {
  // why: the live set moves by a few MB with what happens to be in flight at a collection; growth has to beat this
  // noise to count as drift.
  static final double TOLERATED_FRACTION = 0.10;
  static final double TOLERATED_BYTES = 16 * 1024 * 1024;

  static HeapTrend of(List<Sample> load, double beforeFullGcBytes, double afterFullGcBytes) {
    // why: 0 means no collection of the old generation has happened yet, so nothing is known
    List<Sample> readings = load.stream().filter(sample -> sample.liveDataBytes() > 0).toList();
    int third = readings.size() / 3;
    double first = third == 0 ? Double.NaN : median(readings.subList(0, third));
    double last = third == 0 ? Double.NaN : median(readings.subList(readings.size() - third, readings.size()));
    return new HeapTrend(readings.size(), first, last, slope(readings), beforeFullGcBytes, afterFullGcBytes);
  }

  private static double median(List<Sample> samples) {
    double[] values = samples.stream().mapToDouble(Sample::liveDataBytes).sorted().toArray();
    return values.length % 2 == 1 ? values[values.length / 2]
        : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
  }

  /** Least-squares slope of the live data over time, per minute; NaN with fewer than 3 readings. */
  private static double slope(List<Sample> samples) {
    if (samples.size() < 3) {
      return Double.NaN;
    }
    double[] x = samples.stream().mapToDouble(Sample::seconds).toArray();
    double[] y = samples.stream().mapToDouble(Sample::liveDataBytes).toArray();
    double meanX = Arrays.stream(x).average().orElseThrow();
    double meanY = Arrays.stream(y).average().orElseThrow();
    double covariance = 0;
    double variance = 0;
    for (int i = 0; i < x.length; i++) {
      covariance += (x[i] - meanX) * (y[i] - meanY);
      variance += (x[i] - meanX) * (x[i] - meanX);
    }
    return variance == 0 ? Double.NaN : 60 * covariance / variance;
  }

  private static boolean grew(double from, double to) {
    return to > from + Math.max(TOLERATED_FRACTION * from, TOLERATED_BYTES);
  }

  /** No growth past the tolerance, neither in the live data (when there were readings) nor after full collections. */
  boolean noDrift() {
    boolean liveDataFlat = Double.isNaN(firstThirdBytes) || !grew(firstThirdBytes, lastThirdBytes);
    return liveDataFlat && !grew(beforeFullGcBytes, afterFullGcBytes);
  }

  String describe() {
    String live = Double.isNaN(firstThirdBytes)
        ? "too few old-generation collections under load to compare (" + readings + " readings)"
        : "old gen after GC, median of the first third " + Format.megabytes(firstThirdBytes) + ", of the last third "
            + Format.megabytes(lastThirdBytes) + " (" + readings + " readings), slope "
            + (Double.isNaN(slopeBytesPerMinute) ? "n/a" : Format.megabytes(slopeBytesPerMinute) + "/min")
            + (slopeBytesPerMinute == 0 && firstThirdBytes == lastThirdBytes
                ? " (unchanged: no collection of the old generation ran under load, so the full GCs are the measure)"
                : "");
    return live + "; heap after a full GC before the load " + Format.megabytes(beforeFullGcBytes) + ", after it "
        + Format.megabytes(afterFullGcBytes);
  }
}
