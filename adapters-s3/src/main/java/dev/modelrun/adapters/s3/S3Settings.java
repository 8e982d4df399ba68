package dev.modelrun.adapters.s3;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.Optional;

/**
 * How this server reaches S3, from its configuration only (never from a request): an endpoint for an S3-compatible
 * server (path-style access) or none for AWS, the region of the server's own buckets (the result store), and how
 * many HTTP connections all S3 reads and writes share.
 */
public final class S3Settings {
  /** Connections shared by every S3 call of the process unless told otherwise. */
  public static final int DEFAULT_MAX_CONNECTIONS = 128;

  private final URI endpoint;
  private final String region;
  private final int maxConnections;

  private S3Settings(URI endpoint, String region, int maxConnections) {
    requireNonNull(region, "region");
    checkArgument(S3Names.isRegion(region), "region '%s' is not a region name", region);
    checkArgument(maxConnections > 0, "maxConnections must be > 0 but was %s", maxConnections);
    if (endpoint != null) {
      checkArgument("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme()),
          "the S3 endpoint must be an http or https URI but was '%s'", endpoint);
      checkArgument(endpoint.getHost() != null, "the S3 endpoint '%s' has no host", endpoint);
    }
    this.endpoint = endpoint;
    this.region = region;
    this.maxConnections = maxConnections;
  }

  /** AWS S3 itself; {@code region} is the region of the server's own buckets. */
  public static S3Settings aws(String region) {
    return new S3Settings(null, region, DEFAULT_MAX_CONNECTIONS);
  }

  /** An S3-compatible server at {@code endpoint}, reached with path-style requests. */
  public static S3Settings endpoint(URI endpoint, String region) {
    return new S3Settings(requireNonNull(endpoint, "endpoint"), region, DEFAULT_MAX_CONNECTIONS);
  }

  /**
   * From the server's configuration values ({@code MODELRUN_S3_ENDPOINT}, {@code MODELRUN_S3_REGION}): a blank
   * endpoint means AWS, a blank region {@code us-east-1}.
   */
  public static S3Settings of(String endpoint, String region) {
    String regionOrDefault = region == null || region.isBlank() ? "us-east-1" : region.strip();
    return endpoint == null || endpoint.isBlank()
        ? aws(regionOrDefault) : endpoint(URI.create(endpoint.strip()), regionOrDefault);
  }

  /** These settings with {@code max} HTTP connections; at least the engine's worker count, so reads run at once. */
  public S3Settings withMaxConnections(int max) {
    return new S3Settings(endpoint, region, max);
  }

  public Optional<URI> endpoint() {
    return Optional.ofNullable(endpoint);
  }

  public String region() {
    return region;
  }

  public int maxConnections() {
    return maxConnections;
  }

  @Override
  public String toString() {
    return "S3Settings[endpoint=" + (endpoint == null ? "AWS" : endpoint) + ", region=" + region
        + ", maxConnections=" + maxConnections + "]";
  }
}
