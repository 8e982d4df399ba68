package dev.modelrun.adapters.http;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * How the edge listens and what it accepts.
 *
 * @param host the interface to bind ({@code 0.0.0.0} for all)
 * @param port the port; 0 picks a free one
 * @param maxUploadBytes the largest request body or uploaded file, enforced while reading
 * @param maximumInputsPerJob what {@code /api/jobs/features} announces as the most items of one job
 */
public record EdgeSettings(String host, int port, long maxUploadBytes, int maximumInputsPerJob) {
  /** The largest chunk of a chunked upload: 1 MiB, announced as {@code "1MB"} (binary units, as the SDKs read it). */
  public static final int CHUNK_BYTES = 1024 * 1024;

  public static final long DEFAULT_MAX_UPLOAD_BYTES = 256L * 1024 * 1024;

  public EdgeSettings {
    requireNonNull(host, "host");
    checkArgument(port >= 0 && port <= 65535, "port must be 0 to 65535 but was %s", port);
    checkArgument(maxUploadBytes > 0, "maxUploadBytes must be > 0 but was %s", maxUploadBytes);
    checkArgument(maximumInputsPerJob > 0, "maximumInputsPerJob must be > 0 but was %s", maximumInputsPerJob);
  }

  /** All interfaces, the given port, 256 MiB uploads, 10,000 inputs per job. */
  public static EdgeSettings defaults(int port) {
    return new EdgeSettings("0.0.0.0", port, DEFAULT_MAX_UPLOAD_BYTES, 10_000);
  }

  public EdgeSettings withMaxUploadBytes(long bytes) {
    return new EdgeSettings(host, port, bytes, maximumInputsPerJob);
  }

  public EdgeSettings withHost(String newHost) {
    return new EdgeSettings(newHost, port, maxUploadBytes, maximumInputsPerJob);
  }

  /** The most chunks of one item: enough for an upload of {@code maxUploadBytes}. */
  public long maximumInputChunks() {
    return Math.ceilDiv(maxUploadBytes, (long) CHUNK_BYTES);
  }
}
