package dev.modelrun.core.model;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/** {@code aws-s3} inputs: item name to model input name to one object. */
public record S3Input(S3Credentials credentials, Map<String, Map<String, S3Location>> sources) implements JobInput {
  public S3Input {
    requireNonNull(credentials, "credentials");
    sources = Sources.copy(sources);
  }

  @Override
  public String type() {
    return "aws-s3";
  }
}
