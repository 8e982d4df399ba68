package dev.modelrun.engine.bench;

import dev.modelrun.core.model.CallerIdentity;
import dev.modelrun.core.model.Job;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.model.JobRequest;
import dev.modelrun.core.model.JobSpec;
import dev.modelrun.core.model.JobStatus;
import dev.modelrun.core.model.TextInput;
import dev.modelrun.core.port.in.SubmitJobCommand;
import dev.modelrun.engine.ModelRunEngine;
import dev.modelrun.engine.testkit.NoOpModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Throughput and latency of the engine with a no-op model and the in-memory stores, from submit to completed: one
 * job of 100,000 items, 10,000 jobs of 10 items, and the latency of 1-item jobs. Not a test: run it by hand (see
 * BENCHMARKS.md at the repository root); it prints one line per figure.
 */
public final class EngineBenchmark {
  private static final CallerIdentity CALLER = new CallerIdentity("bench", "bench", "bench", "benchkey");
  private static final Duration WAIT = Duration.ofMinutes(5);

  private EngineBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    System.out.printf(Locale.ROOT, "cores=%d java=%s%n", Runtime.getRuntime().availableProcessors(),
        Runtime.version());
    report("1 job x 100,000 items", measure(rounds, () -> oneBigJob(100_000)));
    report("10,000 jobs x 10 items", measure(rounds, () -> manySmallJobs(10_000, 10)));
    latency(2_000, 10_000);
  }

  private static double[] measure(int rounds, Round round) throws Exception {
    round.itemsPerSecond();
    double[] figures = new double[rounds];
    for (int i = 0; i < rounds; i++) {
      figures[i] = round.itemsPerSecond();
    }
    return figures;
  }

  private static void report(String name, double[] itemsPerSecond) {
    double[] sorted = itemsPerSecond.clone();
    Arrays.sort(sorted);
    System.out.printf(Locale.ROOT, "%-24s items/s median %,.0f  min %,.0f  max %,.0f  (%d rounds)%n", name,
        sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1], sorted.length);
  }

  private static double oneBigJob(int items) throws Exception {
    SubmitJobCommand command = command(items);
    try (ModelRunEngine engine = engine()) {
      long start = System.nanoTime();
      JobId id = engine.submit(command).job().job().id();
      long submitted = System.nanoTime();
      requireCompleted(engine.await(id, WAIT));
      double total = seconds(start);
      System.out.printf(Locale.ROOT, "  big job: submit %.1f ms, total %.1f ms%n", (submitted - start) / 1e6,
          total * 1e3);
      return items / total;
    }
  }

  private static double manySmallJobs(int jobs, int items) throws Exception {
    SubmitJobCommand command = command(items);
    try (ModelRunEngine engine = engine()) {
      List<JobId> ids = new ArrayList<>(jobs);
      long start = System.nanoTime();
      for (int i = 0; i < jobs; i++) {
        ids.add(engine.submit(command).job().job().id());
      }
      for (JobId id : ids) {
        requireCompleted(engine.await(id, WAIT));
      }
      return (double) jobs * items / seconds(start);
    }
  }

  private static void latency(int warmup, int measured) throws Exception {
    SubmitJobCommand command = command(1);
    try (ModelRunEngine engine = engine()) {
      long[] nanos = new long[measured];
      for (int i = -warmup; i < measured; i++) {
        long start = System.nanoTime();
        JobId id = engine.submit(command).job().job().id();
        requireCompleted(engine.await(id, WAIT));
        if (i >= 0) {
          nanos[i] = System.nanoTime() - start;
        }
      }
      Arrays.sort(nanos);
      System.out.printf(Locale.ROOT, "1-item job latency       p50 %.3f ms  p99 %.3f ms  max %.3f ms  (%,d jobs)%n",
          nanos[measured / 2] / 1e6, nanos[(int) (measured * 0.99)] / 1e6, nanos[measured - 1] / 1e6, measured);
    }
  }

  private static ModelRunEngine engine() {
    return ModelRunEngine.builder().model(new NoOpModel()).maxItemsPerJob(1_000_000).build();
  }

  private static SubmitJobCommand command(int items) {
    Map<String, Map<String, String>> sources = LinkedHashMap.newLinkedHashMap(items);
    for (int i = 0; i < items; i++) {
      sources.put("item-" + i, Map.of("input.txt", "x"));
    }
    return SubmitJobCommand.of(CALLER, new JobRequest(NoOpModel.DESCRIPTOR.ref(), JobSpec.defaults(),
        new TextInput(sources)));
  }

  private static void requireCompleted(Job job) {
    if (job.status() != JobStatus.COMPLETED) {
      throw new IllegalStateException("job " + job.id() + " ended " + job.status());
    }
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  @FunctionalInterface
  private interface Round {
    double itemsPerSecond() throws Exception;
  }
}
