package dev.modelrun.core.model;

/** The request is valid but conflicts with the state of the job (a result link of an unfinished job, a reused idempotency key). */
public class ConflictException extends ModelrunException {
  public ConflictException(String message) {
    super(message);
  }
}
