package dev.modelrun.engine;

import static java.util.Objects.requireNonNull;

import dev.modelrun.core.model.ItemResult;
import dev.modelrun.core.model.ItemSuccess;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.model.OutputValue;
import dev.modelrun.core.port.out.ResultStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The default result store: results in memory, by job then item; a result saved again replaces the earlier one. A
 * success of one output is kept as one small record and its bytes (see {@link OneOutput}); any other result as it is.
 */
public final class InMemoryResultStore implements ResultStore {
  private final Map<JobId, Map<String, Kept>> results = new ConcurrentHashMap<>();

  @Override
  public void save(JobId job, List<ItemResult> batch) {
    requireNonNull(job, "job");
    Map<String, Kept> ofJob = results.computeIfAbsent(job, id -> new ConcurrentHashMap<>());
    for (ItemResult result : batch) {
      ofJob.put(result.item(), keep(result));
    }
  }

  @Override
  public List<ItemResult> results(JobId job) {
    Map<String, Kept> ofJob = results.get(requireNonNull(job, "job"));
    if (ofJob == null) {
      return List.of();
    }
    List<ItemResult> all = new ArrayList<>(ofJob.size());
    ofJob.values().forEach(kept -> all.add(kept.result()));
    return all;
  }

  @Override
  public Optional<ItemResult> result(JobId job, String item) {
    Map<String, Kept> ofJob = results.get(requireNonNull(job, "job"));
    Kept kept = ofJob == null ? null : ofJob.get(requireNonNull(item, "item"));
    return kept == null ? Optional.empty() : Optional.of(kept.result());
  }

  @Override
  public void delete(JobId job, Collection<String> items) {
    Map<String, Kept> ofJob = results.get(requireNonNull(job, "job"));
    if (ofJob != null) {
      items.forEach(ofJob::remove);
    }
  }

  @Override
  public void delete(JobId job) {
    results.remove(requireNonNull(job, "job"));
  }

  private static Kept keep(ItemResult result) {
    if (result instanceof ItemSuccess success && success.outputs().size() == 1) {
      Map.Entry<String, OutputValue> output = success.outputs().entrySet().iterator().next();
      return new OneOutput(success.item(), success.startTime(), success.endTime(), success.modelLatency(),
          output.getKey(), output.getValue().mediaType(), output.getValue().content());
    }
    return new AsSaved(result);
  }

  /** A result as this store keeps it. */
  private sealed interface Kept permits AsSaved, OneOutput {
    ItemResult result();
  }

  /** Any result but a success of one output, kept as saved. */
  private record AsSaved(ItemResult result) implements Kept {}

  /**
   * A success of one output, as kept for as long as its job: two objects (this and the bytes) instead of four (the
   * success, its map of outputs, the output and the bytes), which the garbage collector copies until they are old.
   * The bytes are this store's own copy and never handed out.
   */
  private record OneOutput(String item, Instant start, Instant end, Duration latency, String output,
      String mediaType, byte[] content) implements Kept {
    @Override
    public ItemResult result() {
      return new ItemSuccess(item, start, end, latency, Map.of(output, new OutputValue(mediaType, content)));
    }
  }
}
