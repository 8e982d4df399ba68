package dev.modelrun.adapters.jdbc;

import dev.modelrun.core.model.InputData;
import dev.modelrun.core.model.ModelDescriptor;
import dev.modelrun.core.model.ModelRef;
import dev.modelrun.core.model.OutputValue;
import dev.modelrun.core.port.out.ItemModel;
import dev.modelrun.engine.testkit.EchoModel;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts its calls per item text, in a map shared by the models of several engines; may take a while per call. */
final class CountingModel implements ItemModel {
  static final ModelDescriptor DESCRIPTOR = EchoModel.descriptor(ModelRef.of("count", "1.0.0"), false);
  private static final Map<String, OutputValue> OUTPUT = Map.of("results.json", OutputValue.text("ok"));

  private final Map<String, AtomicInteger> calls;
  private final AtomicInteger mine = new AtomicInteger();
  private final long sleepNanos;

  CountingModel(Map<String, AtomicInteger> calls, long sleepNanos) {
    this.calls = calls;
    this.sleepNanos = sleepNanos;
  }

  static Map<String, AtomicInteger> newCounts() {
    return new ConcurrentHashMap<>();
  }

  /** How many calls this model (one engine's) made. */
  int calls() {
    return mine.get();
  }

  @Override
  public ModelDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Map<String, OutputValue> run(Map<String, InputData> inputs, boolean explain) throws Exception {
    String item = new String(inputs.get("input.txt").content().read(), StandardCharsets.UTF_8);
    calls.computeIfAbsent(item, key -> new AtomicInteger()).incrementAndGet();
    mine.incrementAndGet();
    if (sleepNanos > 0) {
      TimeUnit.NANOSECONDS.sleep(sleepNanos);
    }
    return OUTPUT;
  }
}
