package dev.modelrun.app.soak;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every few seconds, a row of the time series: the rates of accepted and refused submits and of jobs checked since
 * the last row, the window's p99 submit latency, the jobs still followed, the server's queue, CPU, heap, heap after
 * GC, resident memory and 5xx count, the harness's own CPU and the machine's load average. Prints each row as it is
 * taken. CPU figures are shares of the whole machine (100% = every core busy).
 */
final class Sampler implements AutoCloseable {
  /** One row of the time series. */
  record Sample(double seconds, String phase, double acceptedPerSecond, double rejectedPerSecond,
      double checkedPerSecond, long submitP99Nanos, int following, double queuedItems, double cpuUsage,
      double heapUsedBytes, double liveDataBytes, long residentBytes, double serverErrors, double harnessCpuUsage,
      double loadAverage) {}

  private static final String HEADER = String.format(Locale.ROOT,
      "%7s %-10s %8s %7s %8s %8s %6s %6s %5s %8s %8s %8s %4s %6s %5s", "t(s)", "phase", "accept/s", "429/s",
      "ended/s", "p99(ms)", "follow", "queue", "cpu%", "heap(MB)", "live(MB)", "rss(MB)", "5xx", "h-cpu%", "load");
  private static final OperatingSystemMXBean OS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private final ServerProcess server;
  private final SubmitStats overall;
  private final Tracker tracker;
  private final PrintStream out;
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<Sample> samples = new CopyOnWriteArrayList<>();
  private final long startNanos = System.nanoTime();
  private final Thread thread;
  private volatile String phase = "start";
  private volatile boolean closed;
  private long lastNanos = startNanos;
  private long lastAccepted;
  private long lastRejected;
  private long lastEnded;
  private int lastLatencyIndex;

  Sampler(ServerProcess server, SubmitStats overall, Tracker tracker, Duration every, PrintStream out) {
    this.server = server;
    this.overall = overall;
    this.tracker = tracker;
    this.out = out;
    out.println(HEADER);
    thread = Thread.ofPlatform().name("soak-sampler").daemon().start(() -> run(every));
  }

  void phase(String name) {
    phase = name;
  }

  private void run(Duration every) {
    try {
      while (!closed) {
        Thread.sleep(every);
        sample();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Takes a row now (also called by the harness at the end of a phase). */
  synchronized Sample sample() throws InterruptedException {
    long now = System.nanoTime();
    double elapsed = Math.max(1e-9, (now - lastNanos) / 1e9);
    long accepted = overall.statuses.count(status -> status == 201);
    long rejected = overall.statuses.count(status -> status == 429);
    long ended = tracker.endedCount();
    int latencyIndex = overall.latencies.size();
    ServerMetrics metrics = scrape();
    Sample sample = new Sample((now - startNanos) / 1e9, phase, (accepted - lastAccepted) / elapsed,
        (rejected - lastRejected) / elapsed, (ended - lastEnded) / elapsed,
        overall.latencies.between(lastLatencyIndex, latencyIndex).p99(), tracker.runningCount(),
        metrics.queuedItems(), metrics.cpuUsage(), metrics.heapUsedBytes(), metrics.liveDataBytes(),
        server.residentBytes(), metrics.serverErrors(), OS.getProcessCpuLoad(), OS.getSystemLoadAverage());
    lastNanos = now;
    lastAccepted = accepted;
    lastRejected = rejected;
    lastEnded = ended;
    lastLatencyIndex = latencyIndex;
    samples.add(sample);
    out.println(row(sample));
    return sample;
  }

  /** The server's metrics now; all zeros (and a line saying so) when it does not answer. */
  ServerMetrics scrape() throws InterruptedException {
    try {
      var response = http.send(HttpRequest.newBuilder(server.baseUri().resolve(URI.create("/metrics")))
          .timeout(Duration.ofSeconds(10)).build(), BodyHandlers.ofString());
      if (response.statusCode() == 200) {
        return ServerMetrics.parse(response.body());
      }
      out.println("  (GET /metrics answered " + response.statusCode() + ")");
    } catch (IOException e) {
      out.println("  (GET /metrics failed: " + e + ")");
    }
    return new ServerMetrics(List.of());
  }

  static String header() {
    return HEADER;
  }

  static String row(Sample s) {
    double mb = 1024 * 1024;
    return String.format(Locale.ROOT,
        "%7.0f %-10s %8.1f %7.1f %8.1f %8.1f %6d %6.0f %5.0f %8.1f %8.1f %8.1f %4.0f %6.0f %5.1f",
        s.seconds(), s.phase(), s.acceptedPerSecond(), s.rejectedPerSecond(), s.checkedPerSecond(),
        s.submitP99Nanos() / 1e6, s.following(), s.queuedItems(), 100 * s.cpuUsage(), s.heapUsedBytes() / mb,
        s.liveDataBytes() / mb, s.residentBytes() / mb, s.serverErrors(), 100 * s.harnessCpuUsage(),
        s.loadAverage());
  }

  List<Sample> samples() {
    return List.copyOf(samples);
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    http.close();
  }
}
