package dev.modelrun.core.port.out;

import dev.modelrun.core.model.JobId;

/** Makes new job ids; must never repeat one. */
@FunctionalInterface
public interface IdGenerator {
  JobId newJobId();
}
