package dev.modelrun.app.soak;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntPredicate;

/** How many answers had each HTTP status (0 stands for no answer at all: refused, reset or timed out). */
final class StatusCounts {
  private final Map<Integer, LongAdder> counts = new ConcurrentHashMap<>();

  void add(int status) {
    counts.computeIfAbsent(status, key -> new LongAdder()).increment();
  }

  long count(IntPredicate status) {
    return counts.entrySet().stream().filter(entry -> status.test(entry.getKey()))
        .mapToLong(entry -> entry.getValue().sum()).sum();
  }

  long total() {
    return count(status -> true);
  }

  /** Count per status, in order of status, e.g. {@code 201: 12,345, 429: 17}. */
  String describe() {
    Map<Integer, Long> sorted = new TreeMap<>();
    counts.forEach((status, count) -> sorted.put(status, count.sum()));
    if (sorted.isEmpty()) {
      return "none";
    }
    StringBuilder text = new StringBuilder();
    sorted.forEach((status, count) -> text.append(text.isEmpty() ? "" : ", ")
        .append(status == 0 ? "no answer" : status.toString()).append(": ").append(Format.count(count)));
    return text.toString();
  }
}
