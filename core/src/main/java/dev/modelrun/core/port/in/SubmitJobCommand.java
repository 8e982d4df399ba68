package dev.modelrun.core.port.in;

import static java.util.Objects.requireNonNull;

import dev.modelrun.core.model.CallerIdentity;
import dev.modelrun.core.model.InvalidInputException;
import dev.modelrun.core.model.JobRequest;

/**
 * A caller's request to run a job. {@code idempotencyKey} is empty when the caller sent none; otherwise a repeat of
 * the same key by the same caller within 24 hours answers the first job instead of creating one, and {@code
 * fingerprint} (a digest of the request as the edge received it) tells a true repeat from a reuse of the key for a
 * different request.
 */
public record SubmitJobCommand(CallerIdentity caller, JobRequest request, String idempotencyKey, String fingerprint) {
  /** The longest idempotency key accepted. */
  public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;

  public SubmitJobCommand {
    requireNonNull(caller, "caller");
    requireNonNull(request, "request");
    requireNonNull(idempotencyKey, "idempotencyKey");
    requireNonNull(fingerprint, "fingerprint");
    if (idempotencyKey.length() > MAX_IDEMPOTENCY_KEY_LENGTH) {
      throw new InvalidInputException("Idempotency-Key must be at most " + MAX_IDEMPOTENCY_KEY_LENGTH
          + " characters");
    }
  }

  /** A request without an idempotency key. */
  public static SubmitJobCommand of(CallerIdentity caller, JobRequest request) {
    return new SubmitJobCommand(caller, request, "", "");
  }

  public boolean hasIdempotencyKey() {
    return !idempotencyKey.isEmpty();
  }
}
