package dev.modelrun.benchmarks;

/**
 * One throughput run: who ran how many no-op items in what shape, and when (seconds from the first submit) the last
 * submit returned, the first execution started and the last item was done.
 */
record Throughput(String system, String store, int nodes, String shape, int items, double submitted,
    double firstRun, double done) {
  /** Items per second from the first submit to the last item done. */
  double itemsPerSecond() {
    return items / done;
  }

  /** Items per second from the first execution to the last item done (without submit and start-up latency). */
  double runItemsPerSecond() {
    return items / (done - firstRun);
  }

  /** The case this run is a round of. */
  String key() {
    return system + " | " + store + " | " + nodes + " | " + shape;
  }

  static Throughput of(String system, String store, int nodes, String shape, int items, long start, long submitted,
      long firstRun, long done) {
    return new Throughput(system, store, nodes, shape, items, seconds(submitted - start), seconds(firstRun - start),
        seconds(done - start));
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
