package dev.modelrun.adapters.oip;

/**
 * A call to a model server that failed: its message says which server and model, and what went wrong. {@code status}
 * is the HTTP status the server answered, or 0 when there was no answer (a connection error, a timeout, an open
 * circuit).
 */
public final class ModelServerException extends Exception {
  private final int status;
  private final boolean retryable;

  public ModelServerException(String message, int status, boolean retryable, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.retryable = retryable;
  }

  /** Whether trying again may help: a connection error, 429 or 503; never another 4xx or a timeout. */
  public boolean retryable() {
    return retryable;
  }

  /** Whether it says the server is failing (no answer, 429, 5xx), as opposed to the request being wrong. */
  public boolean serverSide() {
    return status == 0 || status == 429 || status >= 500;
  }

  public int status() {
    return status;
  }
}
