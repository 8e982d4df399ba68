package dev.modelrun.core.model;

/** Base of every expected failure of the domain; unchecked, and always carries a message fit for a client. */
public class ModelrunException extends RuntimeException {
  public ModelrunException(String message) {
    super(message);
  }

  public ModelrunException(String message, Throwable cause) {
    super(message, cause);
  }
}
