package dev.modelrun.core.model;

/** A request or its data is wrong; the message names what is wrong and where (a 400 at the edge). */
public class InvalidInputException extends ModelrunException {
  public InvalidInputException(String message) {
    super(message);
  }

  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
