package dev.modelrun.core.port.out;

import dev.modelrun.core.model.ItemResult;
import dev.modelrun.core.model.JobId;
import java.util.List;
import java.util.Optional;

/** Keeps the results of items; saving the same item again replaces its result (work may run twice). */
public interface ResultStore {
  void save(JobId job, List<ItemResult> results);

  /** Every result of the job, in no particular order. */
  List<ItemResult> results(JobId job);

  Optional<ItemResult> result(JobId job, String item);

  /** Deletes every result of the job. */
  void delete(JobId job);
}
