package dev.modelrun.adapters.http;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * A request the edge itself refuses before any use case runs (a missing key, a body over the limit, a media type it
 * does not read, a malformed multipart body), with the status and a message that names what is wrong.
 */
final class HttpProblem extends RuntimeException {
  private final int status;

  HttpProblem(int status, String message) {
    super(requireNonNull(message, "message"), null, false, false);
    checkArgument(status >= 400 && status < 600, "not an error status: %s", status);
    this.status = status;
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

  int status() {
    return status;
  }
}
