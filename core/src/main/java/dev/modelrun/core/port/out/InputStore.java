package dev.modelrun.core.port.out;

import dev.modelrun.core.model.InputItem;
import dev.modelrun.core.model.JobId;
import java.time.Instant;
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
