package dev.modelrun.core.port.out;

import dev.modelrun.core.model.ItemResult;
import dev.modelrun.core.model.JobId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Keeps the results of items; saving the same item again replaces its result (work may run twice). Implementations
 * are thread-safe.
 */
public interface ResultStore {
  void save(JobId job, List<ItemResult> results);

  /** Every result of the job, in no particular order. */
  List<ItemResult> results(JobId job);

  Optional<ItemResult> result(JobId job, String item);

  /** Deletes the results of these items of the job (work whose completion was refused). */
  void delete(JobId job, Collection<String> items);

  /** Deletes every result of the job. */
  void delete(JobId job);
}
