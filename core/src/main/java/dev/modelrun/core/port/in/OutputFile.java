package dev.modelrun.core.port.in;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.io.ByteSource;

/** A job's output file as it is downloaded: the name to save it under, its media type and its content. */
public record OutputFile(String fileName, String mediaType, ByteSource content) {
  public OutputFile {
    requireNonNull(fileName, "fileName");
    requireNonNull(mediaType, "mediaType");
    requireNonNull(content, "content");
    checkArgument(!fileName.isBlank(), "fileName must not be blank");
  }
}
