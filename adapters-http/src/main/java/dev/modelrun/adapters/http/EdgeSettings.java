package dev.modelrun.adapters.http;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * How the edge listens and what it accepts.
 *
 * @param host the interface to bind ({@code 0.0.0.0} for all)
 * @param port the port; 0 picks a free one
 * @param maxUploadBytes the largest request body or uploaded file, enforced while reading
 * @param maximumInputsPerJob what {@code /api/jobs/features} announces as the most items of one job
 * @param uploadDir where uploaded files are kept while their job is created
 * @param minFreeDiskBytes the disk space of {@code uploadDir} an upload must leave free: one that would not is
 *     refused before it is read
 */
public record EdgeSettings(String host, int port, long maxUploadBytes, int maximumInputsPerJob, Path uploadDir,
    long minFreeDiskBytes) {
  /** The largest chunk of a chunked upload: 1 MiB, announced as {@code "1MB"} (binary units, as the SDKs read it). */
  public static final int CHUNK_BYTES = 1024 * 1024;

  public static final long DEFAULT_MAX_UPLOAD_BYTES = 256L * 1024 * 1024;

  public EdgeSettings {
    requireNonNull(host, "host");
    checkArgument(port >= 0 && port <= 65535, "port must be 0 to 65535 but was %s", port);
    checkArgument(maxUploadBytes > 0, "maxUploadBytes must be > 0 but was %s", maxUploadBytes);
    checkArgument(maximumInputsPerJob > 0, "maximumInputsPerJob must be > 0 but was %s", maximumInputsPerJob);
    requireNonNull(uploadDir, "uploadDir");
    checkArgument(minFreeDiskBytes >= 0, "minFreeDiskBytes must be >= 0 but was %s", minFreeDiskBytes);
  }

  /** Uploads kept in the system's temporary directory, with no disk reserve. */
  public EdgeSettings(String host, int port, long maxUploadBytes, int maximumInputsPerJob) {
    this(host, port, maxUploadBytes, maximumInputsPerJob, Path.of(System.getProperty("java.io.tmpdir")), 0);
  }

  /** All interfaces, the given port, 256 MiB uploads, 10,000 inputs per job. */
  public static EdgeSettings defaults(int port) {
    return new EdgeSettings("0.0.0.0", port, DEFAULT_MAX_UPLOAD_BYTES, 10_000);
  }

  public EdgeSettings withMaxUploadBytes(long bytes) {
    return new EdgeSettings(host, port, bytes, maximumInputsPerJob, uploadDir, minFreeDiskBytes);
  }

  public EdgeSettings withHost(String newHost) {
    return new EdgeSettings(newHost, port, maxUploadBytes, maximumInputsPerJob, uploadDir, minFreeDiskBytes);
  }

  public EdgeSettings withUploads(Path dir, long minFreeBytes) {
    return new EdgeSettings(host, port, maxUploadBytes, maximumInputsPerJob, dir, minFreeBytes);
  }

  /** The most chunks of one item: enough for an upload of {@code maxUploadBytes}. */
  public long maximumInputChunks() {
    return Math.ceilDiv(maxUploadBytes, (long) CHUNK_BYTES);
  }
}
