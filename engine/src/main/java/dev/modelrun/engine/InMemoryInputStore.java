package dev.modelrun.engine;

import static java.util.Objects.requireNonNull;

import dev.modelrun.core.model.InputItem;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.port.out.InputStore;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The default input store: items and chunks in memory until their job's inputs expire. Thread-safe. */
public final class InMemoryInputStore implements InputStore {
  private final Map<JobId, Map<String, InputItem>> items = new ConcurrentHashMap<>();
  private final Map<JobId, Chunks> chunks = new ConcurrentHashMap<>();
  private final Map<JobId, Instant> expiries = new ConcurrentHashMap<>();

  @Override
  public void put(JobId job, List<InputItem> batch) {
    requireNonNull(job, "job");
    Map<String, InputItem> byName = HashMap.newHashMap(batch.size());
    batch.forEach(item -> byName.put(item.name(), item));
    items.put(job, Collections.unmodifiableMap(byName));
    chunks.remove(job);
  }

  @Override
  public Optional<InputItem> item(JobId job, String item) {
    Map<String, InputItem> ofJob = items.get(requireNonNull(job, "job"));
    return ofJob == null ? Optional.empty() : Optional.ofNullable(ofJob.get(requireNonNull(item, "item")));
  }

  @Override
  public AppendResult append(JobId job, String item, String input, byte[] chunk, long maxInputSize, int maxItems) {
    requireNonNull(item, "item");
    requireNonNull(input, "input");
    requireNonNull(chunk, "chunk");
    return chunks.computeIfAbsent(requireNonNull(job, "job"), id -> new Chunks())
        .append(item, input, chunk, maxInputSize, maxItems);
  }

  @Override
  public Map<String, Map<String, byte[]>> chunks(JobId job) {
    Chunks ofJob = chunks.get(requireNonNull(job, "job"));
    return ofJob == null ? Map.of() : ofJob.snapshot();
  }

  @Override
  public void deleteAfter(JobId job, Instant at) {
    expiries.put(requireNonNull(job, "job"), requireNonNull(at, "at"));
  }

  @Override
  public int deleteExpired(Instant now) {
    int deleted = 0;
    for (Map.Entry<JobId, Instant> expiry : expiries.entrySet()) {
      if (!expiry.getValue().isAfter(now) && expiries.remove(expiry.getKey(), expiry.getValue())) {
        delete(expiry.getKey());
        deleted++;
      }
    }
    return deleted;
  }

  @Override
  public void delete(JobId job) {
    items.remove(requireNonNull(job, "job"));
    chunks.remove(job);
  }

  /** True when the store holds inputs or chunks of the job: for tests of retention. */
  public boolean holds(JobId job) {
    return items.containsKey(job) || chunks.containsKey(job);
  }

  /** The chunks of one open job: item to input to joined bytes, in arrival order. */
  private static final class Chunks {
    private final Map<String, Map<String, ByteArrayOutputStream>> byItem = new LinkedHashMap<>();

    synchronized AppendResult append(String item, String input, byte[] chunk, long maxInputSize, int maxItems) {
      Map<String, ByteArrayOutputStream> inputs = byItem.get(item);
      if (inputs == null) {
        if (byItem.size() >= maxItems) {
          return AppendResult.TOO_MANY_ITEMS;
        }
        inputs = new LinkedHashMap<>();
        byItem.put(item, inputs);
      }
      ByteArrayOutputStream bytes = inputs.computeIfAbsent(input, name -> new ByteArrayOutputStream());
      if ((long) bytes.size() + chunk.length > maxInputSize) {
        if (bytes.size() == 0) {
          inputs.remove(input);
          if (inputs.isEmpty()) {
            byItem.remove(item);
          }
        }
        return AppendResult.INPUT_TOO_LARGE;
      }
      bytes.writeBytes(chunk);
      return AppendResult.APPENDED;
    }

    synchronized Map<String, Map<String, byte[]>> snapshot() {
      Map<String, Map<String, byte[]>> copy = new LinkedHashMap<>();
      byItem.forEach((item, inputs) -> {
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        inputs.forEach((input, stream) -> bytes.put(input, stream.toByteArray()));
        copy.put(item, bytes);
      });
      return copy;
    }
  }
}
