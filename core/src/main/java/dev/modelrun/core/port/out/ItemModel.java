package dev.modelrun.core.port.out;

import dev.modelrun.core.model.InputData;
import dev.modelrun.core.model.OutputValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A model that runs on one item at a time: a value per model input in, a value per model output out. */
public non-sealed interface ItemModel extends Model {
  /**
   * Runs the model on one item.
   *
   * @param inputs a value for every input of the descriptor, by name
   * @param explain whether the caller asked for an explanation (only when the descriptor supports it)
   * @return a value for every output of the descriptor, by name
   * @throws Exception any failure; the item fails with its message and the job goes on
   */
  Map<String, OutputValue> run(Map<String, InputData> inputs, boolean explain) throws Exception;

  /**
   * How many items one call of {@link #runBatch} takes at most. 1, the default, means the engine calls {@link #run}
   * on each item; a model that runs several items in one call at less cost than one by one (a remote model: one
   * request instead of many) says more.
   */
  default int batchSize() {
    return 1;
  }

  /**
   * Runs the model on several items in one call; the engine calls it only when {@link #batchSize} is above 1, with at
   * most that many items. The default runs them one by one.
   *
   * @param items a value for every input of the descriptor, by name, for each item
   * @param explain whether the caller asked for an explanation (only when the descriptor supports it)
   * @return the outputs of each item, in the order of {@code items}
   * @throws Exception any failure; every item of the batch fails with its message and the job goes on
   */
  default List<Map<String, OutputValue>> runBatch(List<Map<String, InputData>> items, boolean explain)
      throws Exception {
    List<Map<String, OutputValue>> outputs = new ArrayList<>(items.size());
    for (Map<String, InputData> item : items) {
      outputs.add(run(item, explain));
    }
    return outputs;
  }
}
