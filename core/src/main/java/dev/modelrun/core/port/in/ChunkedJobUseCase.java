package dev.modelrun.core.port.in;

import dev.modelrun.core.model.CallerIdentity;
import dev.modelrun.core.model.IllegalTransitionException;
import dev.modelrun.core.model.InvalidInputException;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.model.JobSpec;
import dev.modelrun.core.model.ModelRef;

/**
 * Jobs whose inputs arrive in chunks (the Modzy SDKs' file upload): open a job, append the raw bytes of each item's
 * inputs in order, then close it to submit.
 */
public interface ChunkedJobUseCase {
  /** Opens a job ({@code OPEN}) for {@code model}; nothing runs until {@link #close}. */
  JobView open(CallerIdentity caller, ModelRef model, JobSpec spec);

  /**
   * Appends {@code chunk} to the input {@code input} of item {@code item}; chunks are joined in the order they come.
   *
   * @throws InvalidInputException when the input is not one of the model's, or the chunk or job is too large
   * @throws IllegalTransitionException when the job is no longer open
   */
  void appendChunk(CallerIdentity caller, JobId id, String item, String input, byte[] chunk);

  /** Submits the open job with the items its chunks built ({@code SUBMITTED}). */
  JobView close(CallerIdentity caller, JobId id);
}
