package dev.modelrun.engine;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.Lists;
import dev.modelrun.core.model.InputItem;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.port.out.InputStore;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The default input store: items and chunks in memory until their job's inputs expire. Thread-safe. */
public final class InMemoryInputStore implements InputStore {
  private final Map<JobId, Items> items = new ConcurrentHashMap<>();
  private final Map<JobId, Chunks> chunks = new ConcurrentHashMap<>();
  private final Map<JobId, Instant> expiries = new ConcurrentHashMap<>();

  @Override
  public void put(JobId job, List<InputItem> batch) {
    requireNonNull(job, "job");
    items.put(job, new Items(List.copyOf(batch)));
    chunks.remove(job);
  }

  @Override
  public Optional<InputItem> item(JobId job, String item) {
    Items ofJob = items.get(requireNonNull(job, "job"));
    return ofJob == null ? Optional.empty() : Optional.ofNullable(ofJob.get(requireNonNull(item, "item")));
  }

  @Override
  public Map<String, InputItem> items(JobId job, List<String> names) {
    Items ofJob = items.get(requireNonNull(job, "job"));
    if (ofJob == null) {
      return Map.of();
    }
    Map<String, InputItem> found = LinkedHashMap.newLinkedHashMap(names.size());
    int next = -1;
    for (String name : names) {
      int position = ofJob.positionOf(name, next);
      if (position >= 0) {
        found.put(name, ofJob.list.get(position));
      }
      next = position + 1;
    }
    return found;
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

  /**
   * The items of one job and the position of each by name; an item named twice is found last, as in a map.
   */
  private record Items(List<InputItem> list, NameIndex index, boolean unique) {
    Items(List<InputItem> list) {
      this(list, new NameIndex(Lists.transform(list, InputItem::name)));
    }

    private Items(List<InputItem> list, NameIndex index) {
      this(list, index, index.repeated().isEmpty());
    }

    InputItem get(String name) {
      int position = index.positionOf(name);
      return position < 0 ? null : list.get(position);
    }

    /**
     * The position of {@code name}, or -1; {@code guess} is where it likely is. A claim's items mostly follow each
     * other in the job's order, and the job's names are the strings of these items, so the item after the last one
     * found is most often the next one asked for, and is known without hashing the name.
     */
    int positionOf(String name, int guess) {
      // why: of a name given twice the last is found, which a guess might not be.
      if (unique && guess >= 0 && guess < list.size() && list.get(guess).name().equals(name)) {
        return guess;
      }
      return index.positionOf(name);
    }
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
