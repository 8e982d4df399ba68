package dev.modelrun.core.port.in;

import dev.modelrun.core.model.ConflictException;
import dev.modelrun.core.model.InvalidInputException;
import dev.modelrun.core.model.ModelNotFoundException;

/** Submits a job: validates it against the model, resolves its inputs, fixes its billing and queues its work. */
public interface SubmitJobUseCase {
  /**
   * @return the {@code SUBMITTED} job, or the earlier job of a repeated idempotency key ({@code replayed})
   * @throws ModelNotFoundException when the model or version is unknown
   * @throws InvalidInputException naming what is wrong; nothing is stored then
   * @throws ConflictException when the idempotency key was used for a different request
   */
  Submission submit(SubmitJobCommand command);
}
