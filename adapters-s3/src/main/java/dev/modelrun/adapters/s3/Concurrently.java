package dev.modelrun.adapters.s3;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/** Runs a blocking call (an S3 request) on each element, at most {@code limit} at once, on virtual threads. */
final class Concurrently {
  private Concurrently() {}

  /**
   * @return the results in the order of {@code elements}
   * @throws RuntimeException the first failure in that order (the calls still running are interrupted)
   */
  static <T, R> List<R> map(List<T> elements, int limit, Function<T, R> call) {
    if (elements.size() == 1) {
      return List.of(call.apply(elements.getFirst()));
    }
    Semaphore slots = new Semaphore(limit);
    List<R> results = new ArrayList<>(elements.size());
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<R>> futures = new ArrayList<>(elements.size());
      for (T element : elements) {
        futures.add(threads.submit(() -> {
          slots.acquire();
          try {
            return call.apply(element);
          } finally {
            slots.release();
          }
        }));
      }
      try {
        for (Future<R> future : futures) {
          results.add(future.get());
        }
      } catch (ExecutionException e) {
        futures.forEach(future -> future.cancel(true));
        if (e.getCause() instanceof RuntimeException failure) {
          throw failure;
        }
        throw new IllegalStateException(e.getCause());
      } catch (InterruptedException e) {
        futures.forEach(future -> future.cancel(true));
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while reading S3", e);
      }
    }
    return results;
  }
}
