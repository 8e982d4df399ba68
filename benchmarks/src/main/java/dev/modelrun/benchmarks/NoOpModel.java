package dev.modelrun.benchmarks;

import dev.modelrun.core.model.InputData;
import dev.modelrun.core.model.ModelDescriptor;
import dev.modelrun.core.model.OutputValue;
import dev.modelrun.core.port.out.ItemModel;
import java.util.Map;

/** Returns a constant at once (it does not even read its input), counting its calls in {@link RunMarks}. */
final class NoOpModel implements ItemModel {
  private final RunMarks marks;

  NoOpModel(RunMarks marks) {
    this.marks = marks;
  }

  @Override
  public ModelDescriptor descriptor() {
    return BenchModels.DESCRIPTOR;
  }

  @Override
  public Map<String, OutputValue> run(Map<String, InputData> inputs, boolean explain) {
    marks.executed();
    return BenchModels.OUTPUT;
  }
}
