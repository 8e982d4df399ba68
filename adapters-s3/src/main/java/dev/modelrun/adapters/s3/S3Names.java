package dev.modelrun.adapters.s3;

import java.util.regex.Pattern;

/** What bucket and region names may be: checked before they reach a request (a region is part of a host name). */
final class S3Names {
  private static final Pattern REGION = Pattern.compile("[a-z0-9]+(-[a-z0-9]+){0,6}");
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  private S3Names() {}

  static boolean isRegion(String region) {
    return region.length() <= 40 && REGION.matcher(region).matches();
  }

  static boolean isBucket(String bucket) {
    return BUCKET.matcher(bucket).matches() && !bucket.contains("..");
  }

  /** {@code s3://bucket/key}, for messages. */
  static String uri(String bucket, String key) {
    return "s3://" + bucket + "/" + key;
  }
}
