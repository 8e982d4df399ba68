package dev.modelrun.core.port.out;

import dev.modelrun.core.model.InputData;
import dev.modelrun.core.model.OutputValue;
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
}
