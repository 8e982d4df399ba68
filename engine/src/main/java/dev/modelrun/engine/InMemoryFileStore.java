package dev.modelrun.engine;

import static java.util.Objects.requireNonNull;

import com.google.common.io.ByteSource;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.port.out.FileStore;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The default file store: files in memory, by job then name. Thread-safe. */
public final class InMemoryFileStore implements FileStore {
  private final Map<JobId, Map<String, byte[]>> files = new ConcurrentHashMap<>();

  @Override
  public OutputStream create(JobId job, String name) {
    requireNonNull(job, "job");
    requireNonNull(name, "name");
    return new ByteArrayOutputStream() {
      private boolean closed;

      @Override
      public void close() {
        if (!closed) {
          closed = true;
          files.computeIfAbsent(job, id -> new ConcurrentHashMap<>()).put(name, toByteArray());
        }
      }
    };
  }

  @Override
  public Optional<ByteSource> open(JobId job, String name) {
    Map<String, byte[]> ofJob = files.get(requireNonNull(job, "job"));
    byte[] bytes = ofJob == null ? null : ofJob.get(requireNonNull(name, "name"));
    return Optional.ofNullable(bytes).map(ByteSource::wrap);
  }

  @Override
  public void delete(JobId job, String name) {
    Map<String, byte[]> ofJob = files.get(requireNonNull(job, "job"));
    if (ofJob != null) {
      ofJob.remove(requireNonNull(name, "name"));
    }
  }

  @Override
  public void deleteAll(JobId job) {
    files.remove(requireNonNull(job, "job"));
  }

  /** True when the store holds any file of the job: for tests that nothing was left behind. */
  public boolean holds(JobId job) {
    Map<String, byte[]> ofJob = files.get(job);
    return ofJob != null && !ofJob.isEmpty();
  }
}
