package dev.modelrun.app.soak;

import dev.modelrun.app.soak.Submission.Kind;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the submits of one phase got: their latency (all, and per kind of job), the count per HTTP status, how many
 * 429s lacked a usable {@code Retry-After}, and the first few unexpected answers.
 */
final class SubmitStats {
  private static final int KEPT_SAMPLES = 10;

  final String phase;
  final Latencies latencies = new Latencies();
  /** From when a submit was due to when the harness began to send it: the harness's own delay. */
  final Latencies lag = new Latencies();
  final StatusCounts statuses = new StatusCounts();
  private final Map<Kind, Latencies> byKind = new EnumMap<>(Kind.class);
  private final LongAdder rejectedWithoutRetryAfter = new LongAdder();
  private final LongAdder malformed = new LongAdder();
  private final ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();

  SubmitStats(String phase) {
    this.phase = phase;
    for (Kind kind : Kind.values()) {
      byKind.put(kind, new Latencies());
    }
  }

  void record(Kind kind, long nanos, long lagNanos, Client.Answer answer) {
    latencies.add(nanos);
    lag.add(lagNanos);
    byKind.get(kind).add(nanos);
    statuses.add(answer.status());
    if (answer.status() == 429 && !hasRetryAfter(answer)) {
      rejectedWithoutRetryAfter.increment();
    }
    if (answer.status() != 201 && answer.status() != 429 && unexpected.size() < KEPT_SAMPLES) {
      unexpected.add(kind + " -> " + answer.status() + " " + abbreviate(answer.body()));
    }
  }

  private static boolean hasRetryAfter(Client.Answer answer) {
    return answer.headers().firstValue("Retry-After").map(String::trim)
        .filter(value -> value.matches("\\d{1,9}") && Long.parseLong(value) >= 1).isPresent();
  }

  static String abbreviate(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "...";
  }

  /** A 201 whose body names no job: the server accepted something the client cannot follow. */
  void malformed(Kind kind, String body) {
    malformed.increment();
    if (unexpected.size() < KEPT_SAMPLES) {
      unexpected.add(kind + " -> 201 without a job id: " + abbreviate(body));
    }
  }

  long malformed() {
    return malformed.sum();
  }

  Latencies latencies(Kind kind) {
    return byKind.get(kind);
  }

  long accepted() {
    return statuses.count(status -> status == 201);
  }

  long rejectedWithoutRetryAfter() {
    return rejectedWithoutRetryAfter.sum();
  }

  Iterable<String> unexpected() {
    return unexpected;
  }
}
