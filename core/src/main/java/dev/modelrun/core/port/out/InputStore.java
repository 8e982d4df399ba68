package dev.modelrun.core.port.out;

import dev.modelrun.core.model.InputItem;
import dev.modelrun.core.model.JobId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps the inputs of jobs' items until they are no longer needed (the job ended {@code hoursDeleteInput} hours ago),
 * and the raw chunks of open chunked jobs. Implementations are thread-safe.
 */
public interface InputStore {
  /** Stores the items of a job, replacing any chunks it had. */
  void put(JobId job, List<InputItem> items);

  Optional<InputItem> item(JobId job, String item);

  /**
   * The inputs of several items of one job, as {@link #item} gives each, for a worker about to run them: a store that
   * keeps inputs as references opens those of the batch together ({@link InputReferences#openAll}), so their contents
   * can be fetched at once rather than one by one as the model reads them. Items whose inputs are gone are left out.
   *
   * @return the items found, by name, in the order of {@code items}
   */
  default Map<String, InputItem> items(JobId job, List<String> items) {
    Map<String, InputItem> found = LinkedHashMap.newLinkedHashMap(items.size());
    for (String name : items) {
      item(job, name).ifPresent(input -> found.put(name, input));
    }
    return found;
  }

  /**
   * Appends {@code chunk} to the raw bytes of one input of one item of an open job, unless the input would then be
   * larger than {@code maxInputSize} or the job would have more than {@code maxItems} items.
   */
  AppendResult append(JobId job, String item, String input, byte[] chunk, long maxInputSize, int maxItems);

  /** The joined chunks of an open job: item name to input name to bytes, items in the order they first came. */
  Map<String, Map<String, byte[]>> chunks(JobId job);

  /** Deletes the job's inputs once {@code at} has passed (see {@link #deleteExpired}). */
  void deleteAfter(JobId job, Instant at);

  /** Deletes the inputs whose time has come by {@code now}; returns how many jobs' inputs it deleted. */
  int deleteExpired(Instant now);

  /** Deletes the job's inputs and chunks now. */
  void delete(JobId job);

  /** What {@link #append} did. */
  enum AppendResult {
    APPENDED,
    INPUT_TOO_LARGE,
    TOO_MANY_ITEMS
  }
}
