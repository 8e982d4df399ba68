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
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The default result store: results in memory, by job then item; a result saved again replaces the earlier one. A
 * success of one output is kept as one small record and its bytes (see {@link OneOutput}); any other result as it is.
 * Saves append to a list of the job's results; the first read after them indexes them by item (see {@link OfJob}).
 */
public final class InMemoryResultStore implements ResultStore {
  private final Map<JobId, OfJob> results = new ConcurrentHashMap<>();

  @Override
  public void save(JobId job, List<ItemResult> batch) {
    requireNonNull(job, "job");
    Kept[] kept = new Kept[batch.size()];
    for (int i = 0; i < kept.length; i++) {
      kept[i] = keep(batch.get(i));
    }
    results.computeIfAbsent(job, id -> new OfJob()).append(kept);
  }

  @Override
  public List<ItemResult> results(JobId job) {
    OfJob ofJob = results.get(requireNonNull(job, "job"));
    if (ofJob == null) {
      return List.of();
    }
    List<Kept> kept = ofJob.all();
    List<ItemResult> all = new ArrayList<>(kept.size());
    kept.forEach(one -> all.add(one.result()));
    return all;
  }

  @Override
  public Optional<ItemResult> result(JobId job, String item) {
    OfJob ofJob = results.get(requireNonNull(job, "job"));
    Kept kept = ofJob == null ? null : ofJob.get(requireNonNull(item, "item"));
    return kept == null ? Optional.empty() : Optional.of(kept.result());
  }

  @Override
  public void delete(JobId job, Collection<String> items) {
    OfJob ofJob = results.get(requireNonNull(job, "job"));
    if (ofJob != null) {
      ofJob.delete(items);
    }
  }

  @Override
  public void delete(JobId job) {
    results.remove(requireNonNull(job, "job"));
  }

  /**
   * The results of one job. A save only appends (the workers of a job save side by side, item after item, and a map
   * by item would cost each a hashed insert and, as it grows, copies of its table); reads, far fewer, first move what
   * was appended since the last one into the map by item, in the order saved, so a later save replaces an earlier.
   */
  private static final class OfJob {
    private List<Kept> appended = new ArrayList<>();
    private Map<String, Kept> byItem = new HashMap<>();

    synchronized void append(Kept[] kept) {
      Collections.addAll(appended, kept);
    }

    synchronized List<Kept> all() {
      return new ArrayList<>(indexed().values());
    }

    synchronized Kept get(String item) {
      return indexed().get(item);
    }

    synchronized void delete(Collection<String> items) {
      Map<String, Kept> index = indexed();
      items.forEach(index::remove);
    }

    private Map<String, Kept> indexed() {
      if (!appended.isEmpty()) {
        if (byItem.isEmpty()) {
          byItem = HashMap.newHashMap(appended.size());
        }
        for (Kept kept : appended) {
          byItem.put(kept.item(), kept);
        }
        appended = new ArrayList<>();
      }
      return byItem;
    }
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
    String item();

    ItemResult result();
  }

  /** Any result but a success of one output, kept as saved. */
  private record AsSaved(ItemResult result) implements Kept {
    @Override
    public String item() {
      return result.item();
    }
  }

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
