package dev.modelrun.adapters.http;

import dev.modelrun.core.model.ConflictException;
import dev.modelrun.core.model.IllegalTransitionException;
import dev.modelrun.core.model.InvalidInputException;
import dev.modelrun.core.model.InvalidLinkException;
import dev.modelrun.core.model.JobNotFoundException;
import dev.modelrun.core.model.NotFoundException;
import dev.modelrun.core.model.OverCapacityException;
import io.javalin.http.HttpResponseException;
import io.javalin.http.MethodNotAllowedResponse;
import io.javalin.http.NotFoundResponse;

/** The one table from failures to HTTP statuses and client messages; everything not in it is a 500. */
final class ErrorTable {
  private ErrorTable() {}

  /** A status and the message the client reads. */
  record Answer(int status, String message) {
    boolean isServerError() {
      return status >= 500;
    }
  }

  static Answer answer(Throwable failure, String method, String path) {
    return switch (failure) {
      case HttpProblem problem -> new Answer(problem.status(), problem.getMessage());
      case InvalidLinkException link -> new Answer(403, link.getMessage());
      case InvalidInputException invalid -> new Answer(400, invalid.getMessage());
      case JobNotFoundException notFound -> new Answer(404, notFound.getMessage());
      case NotFoundException notFound -> new Answer(404, notFound.getMessage());
      case IllegalTransitionException transition -> new Answer(409, transition.getMessage());
      case ConflictException conflict -> new Answer(409, conflict.getMessage());
      case OverCapacityException full -> new Answer(429, full.getMessage());
      case MethodNotAllowedResponse notAllowed ->
          new Answer(405, "method " + method + " is not allowed on " + Text.clip(path));
      case NotFoundResponse notFound -> new Answer(404, "no route " + method + " " + Text.clip(path));
      case HttpResponseException framework -> new Answer(framework.getStatus(), framework.getMessage());
      default -> new Answer(500, "internal error; the server log has the details");
    };
  }

  /** The reason phrase in upper snake case, as the Modzy error body's {@code status} carries it. */
  static String reason(int status) {
    return switch (status) {
      case 400 -> "BAD_REQUEST";
      case 401 -> "UNAUTHORIZED";
      case 403 -> "FORBIDDEN";
      case 404 -> "NOT_FOUND";
      case 405 -> "METHOD_NOT_ALLOWED";
      case 406 -> "NOT_ACCEPTABLE";
      case 408 -> "REQUEST_TIMEOUT";
      case 409 -> "CONFLICT";
      case 411 -> "LENGTH_REQUIRED";
      case 413 -> "PAYLOAD_TOO_LARGE";
      case 414 -> "URI_TOO_LONG";
      case 415 -> "UNSUPPORTED_MEDIA_TYPE";
      case 429 -> "TOO_MANY_REQUESTS";
      case 431 -> "REQUEST_HEADER_FIELDS_TOO_LARGE";
      case 500 -> "INTERNAL_SERVER_ERROR";
      case 503 -> "SERVICE_UNAVAILABLE";
      default -> status < 500 ? "BAD_REQUEST" : "INTERNAL_SERVER_ERROR";
    };
  }
}
