package dev.modelrun.adapters.http;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * A request the edge itself refuses before any use case runs (a missing key, a body over the limit, a media type it
 * does not read, a malformed multipart body), with the status and a message that names what is wrong.
 */
final class HttpProblem extends RuntimeException {
  private final int status;
  private final int retryAfterSeconds;

  HttpProblem(int status, String message) {
    this(status, message, 0);
  }

  private HttpProblem(int status, String message, int retryAfterSeconds) {
    super(requireNonNull(message, "message"), null, false, false);
    checkArgument(status >= 400 && status < 600, "not an error status: %s", status);
    this.status = status;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  static HttpProblem badRequest(String message) {
    return new HttpProblem(400, message);
  }

  static HttpProblem unauthorized(String message) {
    return new HttpProblem(401, message);
  }

  static HttpProblem tooLarge(String message) {
    return new HttpProblem(413, message);
  }

  static HttpProblem unsupportedMediaType(String message) {
    return new HttpProblem(415, message);
  }

  /** The server cannot take the request now; a retry after {@code retryAfterSeconds} may succeed. */
  static HttpProblem unavailable(String message, int retryAfterSeconds) {
    checkArgument(retryAfterSeconds > 0, "retryAfterSeconds must be positive");
    return new HttpProblem(503, message, retryAfterSeconds);
  }

  int status() {
    return status;
  }

  /** Seconds a client should wait before retrying, or 0 when a retry would not help. */
  int retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
