package dev.modelrun.app.soak;

import java.time.Duration;
import java.util.Locale;

/** How the report writes figures: milliseconds, megabytes, rates and durations, the same way everywhere. */
final class Format {
  private Format() {}

  static String millis(long nanos) {
    return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
  }

  static String megabytes(double bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / (1024 * 1024));
  }

  static String rate(double perSecond) {
    return String.format(Locale.ROOT, "%.1f/s", perSecond);
  }

  static String duration(Duration duration) {
    long seconds = duration.toSeconds();
    return seconds % 60 == 0 && seconds > 0 ? seconds / 60 + " min" : seconds + " s";
  }

  static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }
}
