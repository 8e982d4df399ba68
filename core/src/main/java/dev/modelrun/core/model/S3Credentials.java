package dev.modelrun.core.model;

import static java.util.Objects.requireNonNull;

/** The credentials and region a client gives for reading its S3 objects; used only for that job's reads. */
public record S3Credentials(String accessKeyId, Secret secretAccessKey, String region) {
  public S3Credentials {
    requireNonNull(accessKeyId, "accessKeyId");
    requireNonNull(secretAccessKey, "secretAccessKey");
    requireNonNull(region, "region");
    if (accessKeyId.isBlank()) {
      throw new InvalidInputException("input.accessKeyID must not be blank");
    }
    if (region.isBlank()) {
      throw new InvalidInputException("input.region must not be blank");
    }
  }

  /** Names the region only: credentials are never printed. */
  @Override
  public String toString() {
    return "S3Credentials[accessKeyId=****, secretAccessKey=****, region=" + region + "]";
  }
}
