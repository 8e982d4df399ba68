package dev.modelrun.engine.testkit;

import dev.modelrun.core.model.InputData;
import dev.modelrun.core.model.ModelDescriptor;
import dev.modelrun.core.model.ModelRef;
import dev.modelrun.core.model.OutputValue;
import dev.modelrun.core.port.out.ItemModel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Echoes like {@link EchoModel}, but each call blocks until {@link #release()} (or an interrupt), and it counts its
 * calls: how many started, how many ran at once at most, how many were interrupted.
 */
public final class BlockingModel implements ItemModel {
  private final ModelDescriptor descriptor;
  private final CountDownLatch gate = new CountDownLatch(1);
  private final Semaphore started = new Semaphore(0);
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger maxRunning = new AtomicInteger();
  private final AtomicInteger interrupted = new AtomicInteger();
  private final AtomicInteger calls = new AtomicInteger();
  private final Map<String, AtomicInteger> callsByText = new ConcurrentHashMap<>();

  public BlockingModel() {
    this("blocking");
  }

  public BlockingModel(String identifier) {
    this.descriptor = EchoModel.descriptor(ModelRef.of(identifier, "1.0.0"), false);
  }

  /** A blocking model whose descriptor allows each call at most {@code runTimeout}. */
  public BlockingModel(String identifier, Duration runTimeout) {
    this.descriptor = EchoModel.descriptor(ModelRef.of(identifier, "1.0.0"), false, runTimeout);
  }

  @Override
  public ModelDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public Map<String, OutputValue> run(Map<String, InputData> inputs, boolean explain) throws Exception {
    calls.incrementAndGet();
    String text = new String(inputs.get("input.txt").content().read(), StandardCharsets.UTF_8);
    callsByText.computeIfAbsent(text, key -> new AtomicInteger()).incrementAndGet();
    int now = running.incrementAndGet();
    maxRunning.accumulateAndGet(now, Math::max);
    started.release();
    try {
      gate.await();
      return Map.of("results.json", OutputValue.text(text));
    } catch (InterruptedException e) {
      interrupted.incrementAndGet();
      throw e;
    } finally {
      running.decrementAndGet();
    }
  }

  /** Lets every call, now and later, go on. */
  public void release() {
    gate.countDown();
  }

  /** Waits until {@code calls} calls have started (in all), up to 10 seconds. */
  public boolean awaitStarted(int calls) throws InterruptedException {
    return started.tryAcquire(calls, 10, TimeUnit.SECONDS) && returnPermits(calls);
  }

  private boolean returnPermits(int calls) {
    started.release(calls);
    return true;
  }

  public int maxRunning() {
    return maxRunning.get();
  }

  public int interrupted() {
    return interrupted.get();
  }

  /** How many calls started in all. */
  public int calls() {
    return calls.get();
  }

  /** How many calls started with this text as input. */
  public int callsOf(String text) {
    AtomicInteger count = callsByText.get(text);
    return count == null ? 0 : count.get();
  }

  public int running() {
    return running.get();
  }
}
