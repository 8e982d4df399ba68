package dev.modelrun.core.port.in;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/** Whether this node can do its work now: its stores answer and its workers run. */
@FunctionalInterface
public interface ReadinessUseCase {
  Readiness readiness();

  /** Ready when every check passed; {@code checks} names each check and says how it went ("ok" or why not). */
  record Readiness(boolean ready, Map<String, String> checks) {
    public Readiness {
      checks = Map.copyOf(requireNonNull(checks, "checks"));
    }

    /** Not ready, for one reason. */
    public static Readiness down(String check, String why) {
      return new Readiness(false, Map.of(check, why));
    }
  }
}
