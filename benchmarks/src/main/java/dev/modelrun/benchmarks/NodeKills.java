package dev.modelrun.benchmarks;

import dev.modelrun.adapters.jdbc.JdbcConfig;
import dev.modelrun.adapters.jdbc.JdbcStores;
import dev.modelrun.core.model.ItemResult;
import dev.modelrun.core.model.Job;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.model.JobStatus;
import dev.modelrun.engine.ModelRunEngine;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Three ModelRun nodes on PostgreSQL running one job while nodes crash ({@link ModelRunCluster#crash}): how long
 * until the others take a dead node's work, and how many items run twice. Every case checks the job completes with
 * each item's result stored exactly once.
 */
final class NodeKills {
  private static final Duration POLL = Duration.ofMillis(5);
  private static final Duration WAIT = Duration.ofMinutes(5);

  private NodeKills() {}

  /** Lease and sweep interval of the nodes, and how long each model call takes. */
  record Settings(Duration lease, Duration sweep, long modelNanos, int workers) {
    Consumer<ModelRunEngine.Builder> tuning() {
      return builder -> builder.lease(lease).maintenanceInterval(sweep).closeWait(Duration.ofSeconds(2));
    }

    String model() {
      return modelNanos == 0 ? "no-op" : String.format("%.1f ms", modelNanos / 1e6);
    }
  }

  /**
   * One crash: times from the crash to the first and to the last re-run of an item the dead node had started (its
   * lease expired, a sweep handed it back, a survivor ran it), and to the job's end.
   */
  record Recovery(Settings settings, int items, long killedAfterCompleted, double firstRerun, double lastRerun,
      double jobDone, int rerun) {}

  /** Repeated crashes: how many, and how many model calls ran beyond one per item. */
  record RepeatedKills(Settings settings, int items, int kills, long duplicates) {
    double duplicatesPer10k() {
      return duplicates * 10_000.0 / items;
    }
  }

  static Recovery oneKill(Postgres postgres, Settings settings, int items) throws InterruptedException {
    String schema = postgres.newSchema("bench_kill_");
    CallLog log = new CallLog();
    JdbcConfig config = postgres.modelRun(schema);
    try (ModelRunCluster cluster = new ModelRunCluster(config, settings.workers(), settings.tuning())) {
      for (int node = 0; node < 3; node++) {
        cluster.start(new RecordingModel(node, log, settings.modelNanos()));
      }
      ModelRunEngine survivor = cluster.node(0).engine();
      JobId id = survivor.submit(BenchModels.job(0, items)).job().job().id();
      JdbcStores observer = cluster.node(0).stores();
      Polling.until("a quarter of the items done", () -> completed(observer, id) >= items / 4, POLL, WAIT);
      long completedAtKill = completed(observer, id);
      ModelRunCluster.Node victim = cluster.node(2);
      long killedAt = System.nanoTime();
      log.kill(victim.number());
      cluster.crash(victim);
      Job done = survivor.await(id, WAIT);
      long doneAt = System.nanoTime();
      checkExactlyOnce(observer, done, items);
      List<CallLog.Call> calls = log.calls();
      Set<Integer> startedByDead = calls.stream().filter(call -> call.node() == victim.number())
          .map(CallLog.Call::item).collect(Collectors.toSet());
      List<Long> reruns = calls.stream()
          .filter(call -> call.node() != victim.number() && startedByDead.contains(call.item()))
          .map(call -> call.at() - killedAt).sorted().toList();
      double first = reruns.isEmpty() ? Double.NaN : reruns.getFirst() / 1e9;
      double last = reruns.isEmpty() ? Double.NaN : reruns.getLast() / 1e9;
      return new Recovery(settings, items, completedAtKill, first, last, (doneAt - killedAt) / 1e9, reruns.size());
    } finally {
      postgres.dropSchema(schema);
    }
  }

  /**
   * Crashes a node every {@code every} while the job runs (at most {@code maxKills} times), each time starting a new
   * node in its place, so three nodes run at all times but for the dead ones' leases.
   */
  static RepeatedKills repeatedKills(Postgres postgres, Settings settings, int items, Duration every, int maxKills)
      throws InterruptedException {
    String schema = postgres.newSchema("bench_kills_");
    CallLog log = new CallLog();
    JdbcConfig config = postgres.modelRun(schema);
    try (ModelRunCluster cluster = new ModelRunCluster(config, settings.workers(), settings.tuning());
        JdbcStores observer = JdbcStores.open(config.withMaxPoolSize(2))) {
      for (int node = 0; node < 3; node++) {
        cluster.start(new RecordingModel(node, log, settings.modelNanos()));
      }
      JobId id = cluster.node(0).engine().submit(BenchModels.job(0, items)).job().job().id();
      int kills = 0;
      int nextNumber = 3;
      while (kills < maxKills && !ended(observer, id)) {
        Thread.sleep(every);
        if (ended(observer, id)) {
          break;
        }
        ModelRunCluster.Node victim = cluster.node(kills % cluster.size());
        log.kill(victim.number());
        cluster.crash(victim);
        kills++;
        cluster.start(new RecordingModel(nextNumber++, log, settings.modelNanos()));
      }
      Polling.until("the job ending", () -> ended(observer, id), POLL, WAIT);
      Job done = observer.jobStore().find(id).orElseThrow();
      checkExactlyOnce(observer, done, items);
      return new RepeatedKills(settings, items, kills, log.size() - (long) items);
    } finally {
      postgres.dropSchema(schema);
    }
  }

  private static long completed(JdbcStores stores, JobId id) {
    return stores.jobStore().find(id).orElseThrow().counters().completed();
  }

  private static boolean ended(JdbcStores stores, JobId id) {
    return stores.jobStore().find(id).orElseThrow().status().isTerminal();
  }

  private static void checkExactlyOnce(JdbcStores stores, Job done, int items) {
    if (done.status() != JobStatus.COMPLETED || done.counters().completed() != items) {
      throw new IllegalStateException("the job ended " + done.status() + " " + done.counters());
    }
    List<String> results = stores.resultStore().results(done.id()).stream().map(ItemResult::item).toList();
    if (results.size() != items || new HashSet<>(results).size() != items) {
      throw new IllegalStateException(results.size() + " results (" + new HashSet<>(results).size()
          + " distinct) for " + items + " items");
    }
  }
}
