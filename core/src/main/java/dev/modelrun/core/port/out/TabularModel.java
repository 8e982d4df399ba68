package dev.modelrun.core.port.out;

import java.util.List;
import java.util.Map;

/**
 * A model over records of typed fields, run on batches. Record values are {@link String}, {@link Long}, {@link
 * java.math.BigDecimal} or {@link Boolean}, as {@link dev.modelrun.core.model.FieldType} says.
 */
public non-sealed interface TabularModel extends Model {
  /** How many records one call takes at most. */
  default int batchSize() {
    return 256;
  }

  /**
   * Runs the model on a batch.
   *
   * @param records records with every field of the descriptor, by name (unmodifiable)
   * @return one output record per input record, in the same order, with every output field
   * @throws Exception any failure; the records of the batch fail with its message
   */
  List<Map<String, Object>> run(List<Map<String, Object>> records) throws Exception;
}
