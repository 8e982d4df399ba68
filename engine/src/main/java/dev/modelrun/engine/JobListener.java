package dev.modelrun.engine;

import dev.modelrun.core.model.ItemResult;
import dev.modelrun.core.model.Job;

/**
 * Hears what happens to the jobs of an engine. For each job the calls come in order and one at a time: {@code
 * submitted}, {@code started} (when work first runs), {@code itemDone} per finished item, then {@code finished}
 * exactly once; a job canceled or timed out before it ran skips {@code started}. Calls run on the engine's threads:
 * keep them quick and do not throw (an exception is logged and ignored).
 */
public interface JobListener {
  default void submitted(Job job) {}

  default void started(Job job) {}

  default void itemDone(Job job, ItemResult result) {}

  default void finished(Job job) {}
}
