package dev.modelrun.core.port.out;

import com.google.common.io.ByteSource;
import dev.modelrun.core.model.JobId;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Keeps the files of structured jobs by job and name: the records read from an upload, the parts of an output file.
 * A file appears whole or not at all: what is written shows under its name only once the stream is closed, then
 * replacing any earlier file of that name (work may run twice). Implementations are thread-safe.
 */
public interface FileStore {
  /**
   * Opens a new file for writing; close the stream to keep it.
   *
   * @throws IOException when the store cannot take the file
   */
  OutputStream create(JobId job, String name) throws IOException;

  /** The content of a kept file, read when opened; empty when there is no such file. */
  Optional<ByteSource> open(JobId job, String name);

  /** Deletes one file of the job; nothing happens when there is none. */
  void delete(JobId job, String name);

  /** Deletes every file of the job. */
  void deleteAll(JobId job);

  /**
   * A link that downloads a kept file straight from this store, without going through the server, valid for about
   * {@code validity} (a store may shorten it to its own limit) and served as {@code fileName} of {@code mediaType}.
   * The link is made without checking that the file exists.
   *
   * @return empty when the store cannot hand out links (the default): the engine then links to its own download route
   */
  default Optional<URI> directLink(JobId job, String name, String fileName, String mediaType, Duration validity) {
    return Optional.empty();
  }
}
