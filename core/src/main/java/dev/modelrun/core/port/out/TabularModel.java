package dev.modelrun.core.port.out;

import java.math.BigDecimal;
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

  /**
   * The number in field {@code field} of a record, for models that read numeric fields: a {@link BigDecimal} as it
   * is, a {@link Long} as its decimal.
   *
   * @param index the record's index in its batch, 0-based, for the message
   * @throws IllegalArgumentException naming the record (1-based) and field when the value is missing or not a number
   */
  static BigDecimal number(Map<String, Object> record, String field, int index) {
    return switch (record.get(field)) {
      case BigDecimal decimal -> decimal;
      case Long integer -> BigDecimal.valueOf(integer);
      case null -> throw new IllegalArgumentException("record " + (index + 1) + " has no field '" + field + "'");
      case Object other -> throw new IllegalArgumentException("record " + (index + 1) + ": field '" + field
          + "' must be a number but was " + other);
    };
  }
}
