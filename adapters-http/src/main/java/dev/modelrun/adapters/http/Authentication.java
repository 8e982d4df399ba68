package dev.modelrun.adapters.http;

import dev.modelrun.core.model.CallerIdentity;
import dev.modelrun.core.port.in.AuthenticateUseCase;
import io.javalin.http.Context;
import java.util.Locale;

/** Finds the caller of a request from {@code Authorization: ApiKey <key>} or {@code x-api-key: <key>}. */
final class Authentication {
  private static final String CALLER = "modelrun.caller";
  private static final int MAX_KEY_LENGTH = 512;

  private final AuthenticateUseCase authenticate;

  Authentication(AuthenticateUseCase authenticate) {
    this.authenticate = authenticate;
  }

  /** Before-handler: authenticates the request or answers 401. */
  void require(Context ctx) {
    String key = presentedKey(ctx);
    if (key == null) {
      throw HttpProblem.unauthorized("an API key is required: send 'Authorization: ApiKey <key>' or 'x-api-key: <key>'");
    }
    CallerIdentity caller = key.length() > MAX_KEY_LENGTH ? null : authenticate.authenticate(key).orElse(null);
    if (caller == null) {
      throw HttpProblem.unauthorized("the API key is not valid");
    }
    ctx.attribute(CALLER, caller);
  }

  static CallerIdentity caller(Context ctx) {
    CallerIdentity caller = ctx.attribute(CALLER);
    if (caller == null) {
      throw new IllegalStateException("route " + ctx.path() + " ran without authentication");
    }
    return caller;
  }

  /** The authenticated caller, or null when the request was not authenticated (yet, or at all). */
  static CallerIdentity callerOrNull(Context ctx) {
    return ctx.attribute(CALLER);
  }

  private static String presentedKey(Context ctx) {
    String authorization = ctx.header("Authorization");
    if (authorization != null && !authorization.isBlank()) {
      String value = authorization.strip();
      int space = value.indexOf(' ');
      if (space > 0) {
        String scheme = value.substring(0, space).toLowerCase(Locale.ROOT);
        if (scheme.equals("apikey") || scheme.equals("bearer")) {
          String key = value.substring(space + 1).strip();
          return key.isEmpty() ? null : key;
        }
      }
    }
    String header = ctx.header("x-api-key");
    if (header != null && !header.isBlank()) {
      return header.strip();
    }
    return null;
  }
}
