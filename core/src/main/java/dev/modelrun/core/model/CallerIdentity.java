package dev.modelrun.core.model;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * Who calls: the account, team and user an API key belongs to, and the key's public prefix. A job belongs to the key
 * (its prefix) that submitted it; the secret never reaches the domain.
 */
public record CallerIdentity(String account, String team, String user, String keyPrefix) {
  public CallerIdentity {
    requireNonNull(account, "account");
    requireNonNull(team, "team");
    requireNonNull(user, "user");
    requireNonNull(keyPrefix, "keyPrefix");
    checkArgument(!account.isBlank(), "account must not be blank");
    checkArgument(!team.isBlank(), "team must not be blank");
    checkArgument(!user.isBlank(), "user must not be blank");
    checkArgument(!keyPrefix.isBlank(), "keyPrefix must not be blank");
  }

  /** True when a job submitted by {@code owner} may be seen by this caller: only by the same key. */
  public boolean owns(CallerIdentity owner) {
    return keyPrefix.equals(owner.keyPrefix);
  }
}
