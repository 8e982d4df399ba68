package dev.modelrun.core.model;

import static java.util.Objects.requireNonNull;

/** An S3 object (or, for folder inputs, a key prefix) in a bucket. */
public record S3Location(String bucket, String key) {
  public S3Location {
    requireNonNull(bucket, "bucket");
    requireNonNull(key, "key");
    if (bucket.isBlank()) {
      throw new InvalidInputException("bucket must not be blank");
    }
    if (key.isEmpty()) {
      throw new InvalidInputException("key must not be empty");
    }
  }
}
