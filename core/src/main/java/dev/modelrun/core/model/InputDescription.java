package dev.modelrun.core.model;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * Where a job's inputs came from: the input type of the request ({@code text}, {@code embedded}, {@code aws-s3},
 * {@code aws-s3-folder}, {@code jdbc}, {@code file}) and, for an uploaded file, its name and media type (empty
 * strings otherwise). Never holds credentials.
 */
public record InputDescription(String type, String fileName, String mediaType) {
  public InputDescription {
    requireNonNull(type, "type");
    requireNonNull(fileName, "fileName");
    requireNonNull(mediaType, "mediaType");
    checkArgument(!type.isBlank(), "input type must not be blank");
  }

  public static InputDescription of(String type) {
    return new InputDescription(type, "", "");
  }

  public static InputDescription file(String fileName, String mediaType) {
    return new InputDescription("file", fileName, mediaType);
  }
}
