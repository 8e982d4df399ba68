package dev.modelrun.engine;

import dev.modelrun.core.model.InputData;
import dev.modelrun.core.model.ModelDescriptor;
import dev.modelrun.core.model.ModelRef;
import dev.modelrun.core.model.OutputValue;
import dev.modelrun.core.port.out.ItemModel;
import dev.modelrun.engine.testkit.EchoModel;
import java.util.Map;

/** A model found through {@code META-INF/services}: answers {@code discovered} for every item. */
public final class DiscoveredModel implements ItemModel {
  static final ModelDescriptor DESCRIPTOR = EchoModel.descriptor(ModelRef.of("discovered", "2.0.0"), false);

  @Override
  public ModelDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Map<String, OutputValue> run(Map<String, InputData> inputs, boolean explain) {
    return Map.of("results.json", OutputValue.text("discovered"));
  }
}
