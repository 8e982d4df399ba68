package dev.modelrun.app.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelrun.app.soak.Submission.CsvJob;
import dev.modelrun.app.soak.Submission.CsvJob.Point;
import dev.modelrun.app.soak.Submission.Sentence;
import dev.modelrun.app.soak.Submission.SentimentJob;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Polls one job once, as its client would, and when it has ended checks it: its status and counters, and its
 * results (per item for sentiment jobs; the output file, through its result link, for CSV jobs). Counts the HTTP
 * statuses of all these follow-up requests.
 */
final class JobChecker {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> ENDED = Set.of("COMPLETED", "ERROR", "CANCELED", "TIMEDOUT");
  private static final Set<String> ON_DEMAND_ENDED = Set.of("success", "error", "canceled", "timedout");
  private static final int KEPT_SAMPLES = 10;

  final StatusCounts answers = new StatusCounts();
  private final ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();

  /** Polls {@code job} once; when it has ended, checks it and marks it correct, wrong or lost. */
  void poll(TrackedJob job) throws InterruptedException {
    try {
      switch (job.submission) {
        case SentimentJob sentiment -> pollSentiment(job, sentiment);
        case CsvJob csv -> pollCsv(job, csv);
      }
    } catch (IOException | RuntimeException e) {
      job.wrong("could not read an answer: " + e);
    }
  }

  private void pollSentiment(TrackedJob job, SentimentJob sentiment) throws InterruptedException, IOException {
    JsonNode view = read(job, "/api/jobs/" + job.id);
    if (view == null) {
      return;
    }
    String status = view.path("status").asText();
    job.polled(status);
    if (!ENDED.contains(status)) {
      return;
    }
    int items = sentiment.size();
    if (!checkCounters(job, view, "COMPLETED", items, items)) {
      return;
    }
    JsonNode results = read(job, "/api/results/" + job.id);
    if (results == null) {
      return;
    }
    if (!results.path("finished").asBoolean() || !results.path("failures").isEmpty()) {
      job.wrong("results not finished or with failures: " + SubmitStats.abbreviate(results.toString()));
      return;
    }
    Set<String> names = new TreeSet<>();
    results.path("results").fieldNames().forEachRemaining(names::add);
    if (!names.equals(new TreeSet<>(sentiment.items().keySet()))) {
      job.wrong("results for items " + names + ", sent " + new TreeSet<>(sentiment.items().keySet()));
      return;
    }
    for (Map.Entry<String, Sentence> item : sentiment.items().entrySet()) {
      JsonNode result = results.path("results").path(item.getKey());
      JsonNode predictions = result.path("results.json").path("data").path("result").path("classPredictions");
      double sum = 0;
      for (JsonNode prediction : predictions) {
        sum += prediction.path("score").asDouble();
      }
      String top = predictions.path(0).path("class").asText();
      if (!"SUCCESSFUL".equals(result.path("status").asText()) || !top.equals(item.getValue().expectedClass)
          || Math.abs(sum - 1) > 0.01) {
        job.wrong("item " + item.getKey() + " should be " + item.getValue().expectedClass + " but was "
            + SubmitStats.abbreviate(result.toString()));
        return;
      }
    }
    job.correct(turnaround(view));
  }

  private void pollCsv(TrackedJob job, CsvJob csv) throws InterruptedException, IOException {
    JsonNode summary = read(job, "/api/v1/jobs/" + job.id);
    if (summary == null) {
      return;
    }
    String status = summary.path("data").path("status").asText();
    job.polled(status);
    if (!ON_DEMAND_ENDED.contains(status)) {
      return;
    }
    if (!"success".equals(status) || summary.path("data").path("recordCount").asLong() != csv.size()) {
      job.wrong("ended " + status + " with recordCount " + summary.path("data").path("recordCount")
          + ", sent " + csv.size() + " rows");
      return;
    }
    JsonNode view = read(job, "/api/jobs/" + job.id);
    // why: an upload's items are units of up to 4,096 records, so only their sum and the absence of failures
    // are known in advance.
    if (view == null || !checkCounters(job, view, "COMPLETED", -1, csv.size())) {
      return;
    }
    JsonNode link = read(job, "/api/v1/jobs/result-link/" + job.id);
    if (link == null) {
      return;
    }
    Client.Answer download = job.client.send(job.client.request(URI.create(link.path("data").asText()))
        .GET().build());
    answers.add(download.status());
    if (!download.isOk()) {
      job.wrong("download of the output answered " + download.status());
      return;
    }
    String mismatch = outputMismatch(csv.rows(), download.body());
    if (mismatch != null) {
      job.wrong("output file: " + mismatch);
      return;
    }
    job.correct(turnaround(view));
  }

  /**
   * Checks the Modzy job view: the status, {@code total == completed + failed}, no failure, and (when
   * {@code total >= 0}) the number of items and of records.
   */
  private static boolean checkCounters(TrackedJob job, JsonNode view, String status, int total, int records) {
    long viewTotal = view.path("total").asLong(-1);
    long completed = view.path("completed").asLong(-1);
    long failed = view.path("failed").asLong(-1);
    boolean right = status.equals(view.path("status").asText()) && viewTotal == completed + failed && failed == 0
        && viewTotal > 0 && (total < 0 || viewTotal == total) && view.path("recordCount").asLong() == records
        && view.path("pending").asLong(-1) == 0;
    if (!right) {
      job.wrong("ended " + view.path("status").asText() + " with total " + viewTotal + ", completed " + completed
          + ", failed " + failed + ", pending " + view.path("pending") + ", recordCount "
          + view.path("recordCount") + "; sent " + records);
    }
    return right;
  }

  /** What is wrong with an output file of the tabular model for {@code rows}, or null when it is right. */
  static String outputMismatch(List<Point> rows, String output) {
    List<String> lines = output.lines().toList();
    if (lines.isEmpty() || !lines.getFirst().equals("a,b,c")) {
      return "header " + (lines.isEmpty() ? "missing" : "'" + lines.getFirst() + "'") + ", expected 'a,b,c'";
    }
    if (lines.size() - 1 != rows.size()) {
      return (lines.size() - 1) + " rows, sent " + rows.size();
    }
    for (int i = 0; i < rows.size(); i++) {
      Point point = rows.get(i);
      String[] cells = lines.get(i + 1).split(",", -1);
      long product = point.x() * point.y();
      boolean right = cells.length == 3 && number(cells[0]) == point.x() + point.y() && number(cells[1]) == product
          && cells[2].equals(product >= 0 ? "pos" : "neg");
      if (!right) {
        return "row " + (i + 1) + " is '" + lines.get(i + 1) + "' for x=" + point.x() + ", y=" + point.y();
      }
    }
    return null;
  }

  private static double number(String cell) {
    try {
      return Double.parseDouble(cell);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /**
   * GETs {@code path} with the job's key: the JSON answer, or null when there was none to read (a 404 marks the job
   * lost; any other failure is counted and the job polled again later).
   */
  private JsonNode read(TrackedJob job, String path) throws InterruptedException, IOException {
    Client.Answer answer = job.client.get(path);
    answers.add(answer.status());
    if (answer.status() == 404) {
      job.lost("GET " + path + " answered 404: " + SubmitStats.abbreviate(answer.body()));
      return null;
    }
    if (!answer.isOk()) {
      if (unexpected.size() < KEPT_SAMPLES) {
        unexpected.add("GET " + path + " -> " + answer.status() + " " + SubmitStats.abbreviate(answer.body()));
      }
      return null;
    }
    return JSON.readTree(answer.body());
  }

  private static Duration turnaround(JsonNode view) {
    return Duration.between(OffsetDateTime.parse(view.path("submittedAt").asText()),
        OffsetDateTime.parse(view.path("finishedAt").asText()));
  }

  Iterable<String> unexpected() {
    return unexpected;
  }
}
