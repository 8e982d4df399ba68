package dev.modelrun.core.model;

/** Something other than a job that the caller named does not exist: a model, a version, an item, an output. */
public class NotFoundException extends ModelrunException {
  public NotFoundException(String message) {
    super(message);
  }
}
