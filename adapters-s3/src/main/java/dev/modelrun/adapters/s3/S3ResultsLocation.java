package dev.modelrun.adapters.s3;

import static java.util.Objects.requireNonNull;

/** Where results are kept: a bucket and a key prefix (empty, or ending in {@code /}), from {@code s3://bucket/prefix}. */
public record S3ResultsLocation(String bucket, String prefix) {
  public S3ResultsLocation {
    requireNonNull(bucket, "bucket");
    requireNonNull(prefix, "prefix");
    if (!S3Names.isBucket(bucket)) {
      throw new IllegalArgumentException("'" + bucket + "' is not a valid S3 bucket name");
    }
    if (!prefix.isEmpty() && !prefix.endsWith("/")) {
      prefix = prefix + "/";
    }
  }

  /** Parses {@code s3://bucket} or {@code s3://bucket/some/prefix} (the value of {@code MODELRUN_RESULTS}). */
  public static S3ResultsLocation parse(String uri) {
    requireNonNull(uri, "uri");
    if (!uri.startsWith("s3://")) {
      throw new IllegalArgumentException("a results location must look like s3://bucket/prefix but was '" + uri
          + "'");
    }
    String rest = uri.substring("s3://".length());
    int slash = rest.indexOf('/');
    return slash < 0 ? new S3ResultsLocation(rest, "") : new S3ResultsLocation(rest.substring(0, slash),
        rest.substring(slash + 1));
  }

  @Override
  public String toString() {
    return "s3://" + bucket + "/" + prefix;
  }
}
