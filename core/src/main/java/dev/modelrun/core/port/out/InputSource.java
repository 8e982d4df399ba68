package dev.modelrun.core.port.out;

import dev.modelrun.core.model.InputItem;
import dev.modelrun.core.model.InvalidInputException;
import dev.modelrun.core.model.JobInput;
import dev.modelrun.core.model.ModelDescriptor;
import java.util.List;

/**
 * Turns the inputs of one input type ({@code aws-s3}, {@code aws-s3-folder}, {@code jdbc}) into items when a job is
 * submitted. What can be checked then (the objects exist, the query runs) is checked then.
 */
public interface InputSource<T extends JobInput> {
  /** The input type this source reads. */
  Class<T> inputType();

  /**
   * @return every item, with a value for each model input whose bytes are read when the model runs
   * @throws InvalidInputException naming what is wrong (missing object, bad credentials, SQL error)
   */
  List<InputItem> resolve(T input, ModelDescriptor model);
}
