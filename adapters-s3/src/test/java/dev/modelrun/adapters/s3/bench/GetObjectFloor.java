package dev.modelrun.adapters.s3.bench;

import dev.modelrun.adapters.s3.S3Connections;
import dev.modelrun.adapters.s3.S3Server;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The floor of the S3 benchmarks: a plain loop of the SDK's GetObject over objects of 1 KiB from some virtual threads,
 * through the given shared connections, with the test server's key. Close it when done.
 */
public final class GetObjectFloor implements AutoCloseable {
  private final S3Client client;

  public GetObjectFloor(S3Connections s3) {
    this.client = s3.serverClient(StaticCredentialsProvider.create(
        AwsBasicCredentials.create(S3Server.ACCESS_KEY, S3Server.SECRET_KEY)));
  }

  /** Reads every key once, {@code concurrency} at a time; returns objects per second. */
  public double run(String bucket, List<String> keys, int concurrency) throws Exception {
    AtomicInteger next = new AtomicInteger();
    long start = System.nanoTime();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> loops = new ArrayList<>();
      for (int t = 0; t < concurrency; t++) {
        loops.add(threads.submit(() -> {
          for (int i = next.getAndIncrement(); i < keys.size(); i = next.getAndIncrement()) {
            String key = keys.get(i);
            if (client.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray().length != 1024) {
              throw new IllegalStateException("short read of " + key);
            }
          }
          return null;
        }));
      }
      for (Future<?> loop : loops) {
        loop.get();
      }
    }
    return keys.size() / ((System.nanoTime() - start) / 1e9);
  }

  @Override
  public void close() {
    client.close();
  }
}
