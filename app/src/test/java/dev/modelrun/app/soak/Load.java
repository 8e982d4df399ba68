package dev.modelrun.app.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Sends jobs of the mix from the clients, in turn: closed loop (each of N senders submits its next job as soon as its
 * last one is answered and a gate lets it, to find the maximum rate) or open loop (a job every 1/rate seconds,
 * whatever the answers, as independent users would). Every accepted job goes to the tracker.
 */
final class Load {
  private static final ObjectMapper JSON = new ObjectMapper();
  // why: a closed-loop sender that got a 429 waits a little, so refusals do not turn into a busy loop.
  private static final Duration PAUSE_AFTER_REFUSAL = Duration.ofMillis(100);
  private static final Duration GATE_SHUT_PAUSE = Duration.ofMillis(10);

  private final List<Client> clients;
  private final JobMix mix;
  private final Tracker tracker;
  private final SubmitStats overall;

  Load(List<Client> clients, JobMix mix, Tracker tracker, SubmitStats overall) {
    this.clients = List.copyOf(clients);
    this.mix = mix;
    this.tracker = tracker;
    this.overall = overall;
  }

  /**
   * {@code senders} closed loops for {@code duration}, each sending only while {@code gate} is open; returns when
   * every sender has its last answer.
   */
  void closedLoop(int senders, Duration duration, BooleanSupplier gate, SubmitStats stats) {
    long end = System.nanoTime() + duration.toNanos();
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < senders; i++) {
        Client client = clients.get(i % clients.size());
        executor.submit(() -> {
          while (System.nanoTime() < end) {
            if (!gate.getAsBoolean()) {
              Thread.sleep(GATE_SHUT_PAUSE);
            } else if (submit(client, System.nanoTime(), stats) == 429) {
              Thread.sleep(PAUSE_AFTER_REFUSAL);
            }
          }
          return null;
        });
      }
    }
  }

  /**
   * One job every {@code 1 / rate} seconds for {@code duration}, each from the next client, each on its own virtual
   * thread; returns when every submit has its answer. Latency counts from the moment a submit was due, so a sender
   * that falls behind shows in the figures (no coordinated omission).
   */
  void openLoop(double rate, Duration duration, SubmitStats stats) {
    long interval = Math.round(1e9 / rate);
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (long n = 0; ; n++) {
        long due = start + n * interval;
        if (due >= end) {
          break;
        }
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
          LockSupport.parkNanos(wait);
        }
        Client client = clients.get((int) (n % clients.size()));
        executor.submit(() -> submit(client, due, stats));
      }
    }
  }

  /** Sends one job of the mix; returns the HTTP status (0 when no answer came). */
  private int submit(Client client, long dueNanos, SubmitStats stats) throws InterruptedException {
    Submission submission = mix.next();
    HttpRequest request = submission.request(client);
    long sent = System.nanoTime();
    Client.Answer answer = client.send(request);
    long nanos = System.nanoTime() - dueNanos;
    stats.record(submission.kind(), nanos, sent - dueNanos, answer);
    overall.record(submission.kind(), nanos, sent - dueNanos, answer);
    if (answer.status() == 201) {
      client.countAccepted();
      String id = idOf(submission, answer.body());
      if (id == null) {
        stats.malformed(submission.kind(), answer.body());
      } else {
        tracker.track(new TrackedJob(id, client, submission, stats.phase, System.nanoTime()));
      }
    }
    return answer.status();
  }

  /** The job's id in a 201's body, or null when it names none. */
  private static String idOf(Submission submission, String body) {
    try {
      JsonNode answer = JSON.readTree(body);
      JsonNode id = submission instanceof Submission.CsvJob ? answer.path("data").path("id")
          : answer.path("jobIdentifier");
      return id.isTextual() ? id.asText() : null;
    } catch (IOException e) {
      return null;
    }
  }
}
