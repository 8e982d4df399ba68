package dev.modelrun.core.model;

import static java.util.Objects.requireNonNull;

import java.util.Base64;
import java.util.Locale;

/** The rule for base64 inputs: an optional {@code data:<mime>;base64,} prefix, then standard or URL-safe base64. */
public final class EmbeddedData {
  private EmbeddedData() {}

  /**
   * Decodes one embedded value.
   *
   * @param where names the value in messages, e.g. {@code input.sources.item-1.image}
   * @throws InvalidInputException naming {@code where} when the value is not base64 or its prefix is malformed
   */
  public static InputData decode(String value, String where) {
    requireNonNull(value, "value");
    String mediaType = "application/octet-stream";
    String payload = value;
    if (value.regionMatches(true, 0, "data:", 0, 5)) {
      int comma = value.indexOf(',');
      if (comma < 0) {
        throw new InvalidInputException(where + " has a data: prefix without a comma");
      }
      String header = value.substring(5, comma);
      if (!header.toLowerCase(Locale.ROOT).endsWith(";base64")) {
        throw new InvalidInputException(where + " must be base64 encoded (data:<mime>;base64,...)");
      }
      String declared = header.substring(0, header.length() - ";base64".length()).strip();
      if (!declared.isEmpty()) {
        mediaType = declared;
      }
      payload = value.substring(comma + 1);
    }
    String compact = payload.strip();
    try {
      byte[] bytes = compact.indexOf('-') >= 0 || compact.indexOf('_') >= 0
          ? Base64.getUrlDecoder().decode(compact)
          : Base64.getMimeDecoder().decode(requireStrictBase64(compact));
      return InputData.bytes(mediaType, bytes);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(where + " is not valid base64");
    }
  }

  // why: the MIME decoder skips characters outside the alphabet; only line breaks may be skipped here.
  private static String requireStrictBase64(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+'
          || c == '/' || c == '=' || c == '\r' || c == '\n';
      if (!ok) {
        throw new IllegalArgumentException("bad base64 character");
      }
    }
    return text;
  }
}
