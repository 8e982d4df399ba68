package dev.modelrun.core.port.in;

import dev.modelrun.core.model.CallerIdentity;
import java.util.Optional;

/** Recognises API keys of the form {@code <prefix>.<secret>}. */
public interface AuthenticateUseCase {
  /** The caller the key belongs to; empty for a malformed, unknown or wrong key. */
  Optional<CallerIdentity> authenticate(String apiKey);
}
