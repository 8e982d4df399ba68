package dev.modelrun.core.model;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * {@code aws-s3-folder} inputs: reference name to model input name to a folder; every object below it becomes one
 * item named {@code <reference>/<key relative to the folder>}.
 */
public record S3FolderInput(S3Credentials credentials, Map<String, Map<String, S3Location>> sources)
    implements JobInput {
  public S3FolderInput {
    requireNonNull(credentials, "credentials");
    sources = Sources.copy(sources);
  }

  @Override
  public String type() {
    return "aws-s3-folder";
  }
}
