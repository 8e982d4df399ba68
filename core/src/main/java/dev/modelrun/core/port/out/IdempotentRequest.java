package dev.modelrun.core.port.out;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.modelrun.core.model.JobId;
import java.time.Instant;

/**
 * A submit that carried an idempotency key: who sent it (key prefix), the key, the fingerprint of the request, the
 * job it created, and until when a repeat answers that job.
 */
public record IdempotentRequest(String keyPrefix, String key, String fingerprint, JobId job, Instant expiresAt) {
  public IdempotentRequest {
    requireNonNull(keyPrefix, "keyPrefix");
    requireNonNull(key, "key");
    requireNonNull(fingerprint, "fingerprint");
    requireNonNull(job, "job");
    requireNonNull(expiresAt, "expiresAt");
    checkArgument(!key.isEmpty(), "an idempotency key must not be empty");
  }

  /** True when {@code other} repeats this request (same fingerprint), false when it reuses the key. */
  public boolean sameRequestAs(String otherFingerprint) {
    return fingerprint.equals(otherFingerprint);
  }
}
