package dev.modelrun.app.soak;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What one run does, from the command line ({@code [h2|pg] [soak|overload] [minutes]}) and {@code soak.*} system
 * properties: the store, the mode, how long the load runs, its rate as a multiple of the calibrated maximum, the
 * clients, and how the server is started.
 */
record SoakSettings(
    Store store,
    Mode mode,
    Duration duration,
    Duration warmUp,
    Duration calibration,
    double loadFactor,
    double fixedMaxRate,
    int clients,
    int connectionsPerClient,
    Duration sampleEvery,
    Duration settleBound,
    long maxQueuedItems,
    long gateItems,
    List<String> serverJvmOptions,
    Path jar,
    Path workDir) {

  enum Store { H2, PG }

  /** {@code SOAK}: under capacity, every target applies; {@code OVERLOAD}: past it, with a small queue bound. */
  enum Mode { SOAK, OVERLOAD }

  static SoakSettings parse(String[] args) {
    Store store = Store.H2;
    Mode mode = Mode.SOAK;
    Double minutes = null;
    for (String arg : args) {
      switch (arg.toLowerCase(Locale.ROOT)) {
        case "h2" -> store = Store.H2;
        case "pg" -> store = Store.PG;
        case "soak" -> mode = Mode.SOAK;
        case "overload" -> mode = Mode.OVERLOAD;
        default -> {
          try {
            minutes = Double.parseDouble(arg);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("unknown argument '" + arg + "': expected h2|pg, soak|overload or "
                + "the minutes of load");
          }
        }
      }
    }
    boolean overload = mode == Mode.OVERLOAD;
    double loadMinutes = minutes != null ? minutes : overload ? 2 : 10;
    return new SoakSettings(
        store,
        mode,
        Duration.ofMillis(Math.round(loadMinutes * 60_000)),
        Duration.ofSeconds(intProperty("soak.warmUpSeconds", 20)),
        Duration.ofSeconds(intProperty("soak.calibrationSeconds", 30)),
        doubleProperty("soak.loadFactor", overload ? 3.0 : 0.8),
        doubleProperty("soak.maxRate", 0),
        intProperty("soak.clients", 16),
        intProperty("soak.connectionsPerClient", 16),
        Duration.ofSeconds(intProperty("soak.sampleSeconds", 10)),
        Duration.ofSeconds(intProperty("soak.settleSeconds", 180)),
        overload ? intProperty("soak.maxQueuedItems", 2000) : 0,
        intProperty("soak.gateItems", 200),
        Arrays.stream(System.getProperty("soak.serverJvmOptions", "-Xmx512m").trim().split("\\s+"))
            .filter(option -> !option.isEmpty()).toList(),
        Path.of(System.getProperty("soak.jar", "app/target/modelrun.jar")),
        Path.of(System.getProperty("soak.workDir", System.getProperty("java.io.tmpdir"))));
  }

  private static int intProperty(String name, int defaultValue) {
    String value = System.getProperty(name);
    try {
      return value == null ? defaultValue : Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number but was '" + value + "'");
    }
  }

  private static double doubleProperty(String name, double defaultValue) {
    String value = System.getProperty(name);
    try {
      return value == null ? defaultValue : Double.parseDouble(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number but was '" + value + "'");
    }
  }

  String describe() {
    return String.format(Locale.ROOT, "store %s, mode %s, load %s at %.1f x the calibrated maximum, %d clients of "
        + "up to %d connections, server JVM %s%s", store.name().toLowerCase(Locale.ROOT),
        mode.name().toLowerCase(Locale.ROOT), Format.duration(duration), loadFactor, clients, connectionsPerClient,
        String.join(" ", serverJvmOptions),
        mode == Mode.OVERLOAD ? ", MODELRUN_MAX_QUEUED_ITEMS=" + maxQueuedItems : "");
  }
}
