package dev.modelrun.benchmarks;

import dev.modelrun.core.model.InputData;
import dev.modelrun.core.model.ModelDescriptor;
import dev.modelrun.core.model.OutputValue;
import dev.modelrun.core.port.out.ItemModel;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One node's model in the failure cases: logs each call (item, node, time) and then takes {@code nanos}. Once its
 * node is dead it only waits to be interrupted: a crashed process runs nothing, so nothing more is counted for it.
 */
final class RecordingModel implements ItemModel {
  private final int node;
  private final CallLog log;
  private final long nanos;

  RecordingModel(int node, CallLog log, long nanos) {
    this.node = node;
    this.log = log;
    this.nanos = nanos;
  }

  @Override
  public ModelDescriptor descriptor() {
    return BenchModels.DESCRIPTOR;
  }

  @Override
  public Map<String, OutputValue> run(Map<String, InputData> inputs, boolean explain) throws Exception {
    if (log.isDead(node)) {
      Thread.sleep(Long.MAX_VALUE);
    }
    int item = Integer.parseInt(new String(inputs.get("input.txt").content().read(), StandardCharsets.UTF_8));
    log.record(item, node);
    if (nanos > 0) {
      TimeUnit.NANOSECONDS.sleep(nanos);
    }
    return BenchModels.OUTPUT;
  }
}
