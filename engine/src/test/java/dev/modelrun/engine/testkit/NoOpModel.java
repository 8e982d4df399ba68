package dev.modelrun.engine.testkit;

import dev.modelrun.core.model.InputData;
import dev.modelrun.core.model.ModelDescriptor;
import dev.modelrun.core.model.ModelRef;
import dev.modelrun.core.model.OutputValue;
import dev.modelrun.core.port.out.ItemModel;
import java.util.Map;

/** Does nothing and answers one constant output: the model of benchmarks. */
public final class NoOpModel implements ItemModel {
  public static final ModelDescriptor DESCRIPTOR = EchoModel.descriptor(ModelRef.of("noop", "1.0.0"), false);
  private static final Map<String, OutputValue> OUTPUT = Map.of("results.json", OutputValue.text("ok"));

  @Override
  public ModelDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Map<String, OutputValue> run(Map<String, InputData> inputs, boolean explain) {
    return OUTPUT;
  }
}
