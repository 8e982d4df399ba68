package dev.modelrun.engine;

import static java.util.Objects.requireNonNull;

import dev.modelrun.core.model.ItemResult;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.port.out.ResultStore;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The default result store: results in memory, by job then item; a result saved again replaces the earlier one. */
public final class InMemoryResultStore implements ResultStore {
  private final Map<JobId, Map<String, ItemResult>> results = new ConcurrentHashMap<>();

  @Override
  public void save(JobId job, List<ItemResult> batch) {
    requireNonNull(job, "job");
    Map<String, ItemResult> ofJob = results.computeIfAbsent(job, id -> new ConcurrentHashMap<>());
    for (ItemResult result : batch) {
      ofJob.put(result.item(), result);
    }
  }

  @Override
  public List<ItemResult> results(JobId job) {
    Map<String, ItemResult> ofJob = results.get(requireNonNull(job, "job"));
    return ofJob == null ? List.of() : List.copyOf(ofJob.values());
  }

  @Override
  public Optional<ItemResult> result(JobId job, String item) {
    Map<String, ItemResult> ofJob = results.get(requireNonNull(job, "job"));
    return ofJob == null ? Optional.empty() : Optional.ofNullable(ofJob.get(requireNonNull(item, "item")));
  }

  @Override
  public void delete(JobId job, Collection<String> items) {
    Map<String, ItemResult> ofJob = results.get(requireNonNull(job, "job"));
    if (ofJob != null) {
      items.forEach(ofJob::remove);
    }
  }

  @Override
  public void delete(JobId job) {
    results.remove(requireNonNull(job, "job"));
  }
}
