package dev.modelrun.adapters.s3.bench;

import dev.modelrun.adapters.s3.S3Connections;
import dev.modelrun.adapters.s3.S3FolderInputSource;
import dev.modelrun.adapters.s3.S3Server;
import dev.modelrun.core.model.CallerIdentity;
import dev.modelrun.core.model.Job;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.model.JobRequest;
import dev.modelrun.core.model.JobSpec;
import dev.modelrun.core.model.JobStatus;
import dev.modelrun.core.model.S3FolderInput;
import dev.modelrun.core.model.S3Location;
import dev.modelrun.core.port.in.SubmitJobCommand;
import dev.modelrun.engine.ModelRunEngine;
import dev.modelrun.engine.testkit.EchoModel;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * Items per second of an {@code aws-s3-folder} job of 10,000 objects of 1 KiB through the engine (echo model,
 * in-memory stores), against the floor: a plain loop of the SDK's GetObject over the same objects at the same
 * concurrency, through the same shared connections. Not a test: run it by hand (see BENCHMARKS.md); arguments:
 * rounds (5), concurrency (32), objects (10,000).
 */
public final class S3Benchmark {
  private static final CallerIdentity CALLER = new CallerIdentity("bench", "bench", "bench", "benchkey");
  private static final Duration WAIT = Duration.ofMinutes(10);

  private S3Benchmark() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 32;
    int objects = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
    System.out.printf(Locale.ROOT, "cores=%d java=%s objects=%,d x 1 KiB concurrency=%d%n",
        Runtime.getRuntime().availableProcessors(), Runtime.version(), objects, concurrency);
    S3Server server = S3Server.start(ContextBuilder.newBuilder("transient").credentials("identity", "credential")
        .build(BlobStoreContext.class).getBlobStore());
    try (S3Connections s3 = S3Connections.create(server.settings().withMaxConnections(concurrency * 2));
        GetObjectFloor plain = new GetObjectFloor(s3)) {
      String bucket = server.newBucket();
      List<String> keys = IntStream.range(0, objects).mapToObj(i -> "folder/%06d.txt".formatted(i)).toList();
      String kibibyte = "x".repeat(1024);
      server.putAll(bucket, keys, key -> kibibyte);

      double[] floor = new double[rounds];
      double[] job = new double[rounds];
      double[] submit = new double[rounds];
      double[] run = new double[rounds];
      double[] ratio = new double[rounds];
      plain.run(bucket, keys, concurrency);
      job(s3, bucket, concurrency, objects, new double[1], 0);
      for (int i = 0; i < rounds; i++) {
        floor[i] = plain.run(bucket, keys, concurrency);
        job[i] = job(s3, bucket, concurrency, objects, submit, i);
        run[i] = objects / (objects / job[i] - submit[i] / 1000);
        ratio[i] = 100 * job[i] / floor[i];
        System.out.printf(Locale.ROOT, "round %d: floor %,.0f/s  job %,.0f/s (submit %,.0f ms, run %,.0f/s)  "
            + "job/floor %.0f%%%n", i + 1, floor[i], job[i], submit[i], run[i], ratio[i]);
      }
      report("GetObject loop (floor)", floor);
      report("aws-s3-folder job", job);
      report("  submit (listing), ms", submit);
      report("  run after submit", run);
      report("job/floor per round, %", ratio);
    } finally {
      server.stop();
    }
  }

  private static double job(S3Connections s3, String bucket, int concurrency, int objects, double[] submitMillis,
      int round) throws Exception {
    S3FolderInput input = new S3FolderInput(S3Server.credentials(),
        Map.of("ref", Map.of("input.txt", new S3Location(bucket, "folder/"))));
    try (ModelRunEngine engine = ModelRunEngine.builder().model(new EchoModel(), concurrency).workers(concurrency)
        .inputSource(new S3FolderInputSource(s3)).build()) {
      long start = System.nanoTime();
      JobId id = engine.submit(SubmitJobCommand.of(CALLER, new JobRequest(EchoModel.DESCRIPTOR.ref(),
          JobSpec.defaults(), input))).job().job().id();
      submitMillis[round] = (System.nanoTime() - start) / 1e6;
      Job done = engine.await(id, WAIT);
      double seconds = (System.nanoTime() - start) / 1e9;
      if (done.status() != JobStatus.COMPLETED || done.counters().completed() != objects) {
        throw new IllegalStateException("the job ended " + done.status() + " with " + done.counters());
      }
      return objects / seconds;
    }
  }

  private static double median(double[] figures) {
    double[] sorted = figures.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static void report(String name, double[] figures) {
    double[] sorted = figures.clone();
    Arrays.sort(sorted);
    System.out.printf(Locale.ROOT, "%-24s median %,.0f  min %,.0f  max %,.0f  (%d rounds)%n", name,
        median(figures), sorted[0], sorted[sorted.length - 1], sorted.length);
  }
}
