package dev.modelrun.engine;

import dev.modelrun.core.model.ItemFailure;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.port.in.ReadinessUseCase.Readiness;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The readiness of one node: the job store answers a query, the result store takes a write (a probe result of this
 * node's own, deleted at once), and the workers run. Checked at most once a second; whoever asks while a check runs
 * gets the last answer, so a probe flood never becomes a store flood.
 */
final class NodeReadiness {
  private static final Logger LOG = LoggerFactory.getLogger(NodeReadiness.class);
  private static final Duration FRESHNESS = Duration.ofSeconds(1);
  private static final String PROBE_ITEM = "readiness-probe";

  private final EngineParts parts;
  private final JobLifecycle lifecycle;
  private final JobId probeJob;
  private final ReentrantLock checking = new ReentrantLock();
  private volatile Readiness last = Readiness.down("engine", "not checked yet");
  private volatile long checkedAt;

  NodeReadiness(EngineParts parts, JobLifecycle lifecycle, String node) {
    this.parts = parts;
    this.lifecycle = lifecycle;
    // why: a job id no real job has (ids are random UUIDs, this one is name-based), one per node.
    this.probeJob = JobId.of(UUID.nameUUIDFromBytes(("modelrun readiness " + node).getBytes(StandardCharsets.UTF_8)));
    this.checkedAt = System.nanoTime() - 2 * FRESHNESS.toNanos();
  }

  Readiness check() {
    if (System.nanoTime() - checkedAt < FRESHNESS.toNanos() || !checking.tryLock()) {
      return last;
    }
    try {
      Map<String, String> checks = new LinkedHashMap<>();
      checks.put("jobStore", probe("job store", () -> parts.queue().backlog()));
      checks.put("resultStore", probe("result store", () -> {
        Instant now = parts.clock().instant();
        parts.results().save(probeJob, List.of(new ItemFailure(PROBE_ITEM, now, now, "readiness probe")));
        parts.results().delete(probeJob, List.of(PROBE_ITEM));
        return null;
      }));
      checks.put("workers", lifecycle.workersRunning() ? "ok" : "not running");
      last = new Readiness(checks.values().stream().allMatch("ok"::equals), checks);
      checkedAt = System.nanoTime();
      return last;
    } finally {
      checking.unlock();
    }
  }

  private static String probe(String what, Supplier<?> call) {
    try {
      call.get();
      return "ok";
    } catch (RuntimeException e) {
      LOG.warn("readiness: the {} failed", what, e);
      return "failed; the server log has the details";
    }
  }
}
