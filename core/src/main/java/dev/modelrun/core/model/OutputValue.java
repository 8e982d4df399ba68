package dev.modelrun.core.model;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** One output of a model for one item: its media type and content. */
public record OutputValue(String mediaType, byte[] content) {
  public OutputValue {
    requireNonNull(mediaType, "mediaType");
    content = requireNonNull(content, "content").clone();
  }

  public static OutputValue json(String json) {
    return new OutputValue("application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  public static OutputValue text(String text) {
    return new OutputValue("text/plain", text.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public byte[] content() {
    return content.clone();
  }

  /** The content as UTF-8 text. */
  public String text() {
    return new String(content, StandardCharsets.UTF_8);
  }

  public int size() {
    return content.length;
  }

  /** True for JSON content ({@code application/json}, {@code +json} types), which the API embeds as JSON. */
  public boolean isJson() {
    String essence = ModelInput.essence(mediaType);
    return essence.equals("application/json") || essence.endsWith("+json");
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof OutputValue that && mediaType.equals(that.mediaType)
        && Arrays.equals(content, that.content);
  }

  @Override
  public int hashCode() {
    return 31 * mediaType.hashCode() + Arrays.hashCode(content);
  }

  @Override
  public String toString() {
    return "OutputValue[" + mediaType + ", " + content.length + " bytes]";
  }
}
