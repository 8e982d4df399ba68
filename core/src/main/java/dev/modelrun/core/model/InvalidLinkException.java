package dev.modelrun.core.model;

/** A download link that was altered or has expired (a 403 at the edge); the message never says which secret. */
public class InvalidLinkException extends ModelrunException {
  public InvalidLinkException(String message) {
    super(message);
  }
}
