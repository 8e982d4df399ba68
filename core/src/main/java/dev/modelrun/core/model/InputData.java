package dev.modelrun.core.model;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.io.ByteSource;
import java.nio.charset.StandardCharsets;

/**
 * The value of one model input of one item: its media type, its size in bytes (as known before reading) and a source
 * of its bytes, opened when the model runs (inline bytes, a stored file, an S3 object).
 */
public record InputData(String mediaType, long size, ByteSource content) {
  public InputData {
    requireNonNull(mediaType, "mediaType");
    requireNonNull(content, "content");
    checkArgument(size >= 0, "size must be >= 0 but was %s", size);
  }

  public static InputData text(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return new InputData("text/plain", bytes.length, ByteSource.wrap(bytes));
  }

  public static InputData bytes(String mediaType, byte[] bytes) {
    return new InputData(mediaType, bytes.length, ByteSource.wrap(bytes.clone()));
  }
}
