package dev.modelrun.app.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scrape of the server's {@code GET /metrics} (Prometheus text), read by name and label: the few meters the
 * soak follows.
 */
record ServerMetrics(List<Line> lines) {
  private static final Pattern SUBMIT_BUCKET =
      Pattern.compile("^\\{method=\"POST\",.*route=\"/api(?:/v1)?/jobs\",.*le=\"([^\"]+)\"}$");

  record Line(String name, String labels, double value) {}

  static ServerMetrics parse(String text) {
    List<Line> lines = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int space = line.lastIndexOf(' ');
      int brace = line.indexOf('{');
      String series = line.substring(0, space);
      String name = brace >= 0 && brace < space ? series.substring(0, brace) : series;
      String labels = brace >= 0 && brace < space ? series.substring(brace) : "";
      lines.add(new Line(name, labels, Double.parseDouble(line.substring(space + 1))));
    }
    return new ServerMetrics(List.copyOf(lines));
  }

  /** The sum of the series of {@code name} whose labels pass {@code labels}. */
  double sum(String name, Predicate<String> labels) {
    return lines.stream().filter(line -> line.name().equals(name) && labels.test(line.labels()))
        .mapToDouble(Line::value).sum();
  }

  double sum(String name) {
    return sum(name, labels -> true);
  }

  double heapUsedBytes() {
    return sum("jvm_memory_used_bytes", labels -> labels.contains("area=\"heap\""));
  }

  /** Old generation after the last collection that reclaimed it (0 until there was one). */
  double liveDataBytes() {
    return sum("jvm_gc_live_data_size_bytes");
  }

  double queuedItems() {
    return sum("modelrun_queue_items");
  }

  double cpuUsage() {
    return sum("process_cpu_usage");
  }

  double jobsFinished() {
    return sum("modelrun_jobs_finished_total");
  }

  /**
   * The server's own histogram of submit requests ({@code POST /api/jobs} and {@code POST /api/v1/jobs}, every
   * status): cumulative count per upper bound in seconds, the last bound infinite.
   */
  SortedMap<Double, Double> submitBuckets() {
    SortedMap<Double, Double> buckets = new TreeMap<>();
    for (Line line : lines) {
      Matcher bucket = SUBMIT_BUCKET.matcher(line.labels());
      if (line.name().equals("http_server_requests_seconds_bucket") && bucket.find()) {
        buckets.merge(Double.parseDouble(bucket.group(1).replace("+Inf", "Infinity")), line.value(), Double::sum);
      }
    }
    return buckets;
  }

  /** Requests the server itself answered with a 5xx, on every route. */
  double serverErrors() {
    return sum("http_server_requests_seconds_count", labels -> labels.matches(".*status=\"5\\d\\d\".*"));
  }
}
