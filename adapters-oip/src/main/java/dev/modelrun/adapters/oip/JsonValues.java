package dev.modelrun.adapters.oip;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import java.io.IOException;

/**
 * Whether UTF-8 texts are each exactly one JSON value (an object, array, string, number, true, false or null, with
 * whitespace around it at most), as read by Jackson.
 */
final class JsonValues {
  // why: texts are read from their UTF-8 bytes; without charset detection bytes are only ever UTF-8 (a text that
  // starts with a zero byte is not taken for UTF-16).
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .disable(JsonFactory.Feature.CHARSET_DETECTION)
      .recyclerPool(JsonRecyclerPools.newConcurrentDequePool())
      .build();

  private JsonValues() {}

  /** Whether the text is exactly one JSON value. */
  static boolean isSingleValue(byte[] text) {
    // why: a JSON value starts with ASCII (whitespace or its first token); this also keeps a byte order mark out.
    if (text.length == 0 || text[0] < 0) {
      return false;
    }
    try (JsonParser parser = FACTORY.createParser(text)) {
      if (parser.nextToken() == null) {
        return false;
      }
      parser.skipChildren();
      return parser.nextToken() == null;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * For each text (null for none), whether it is exactly one JSON value. One parser reads them all, each wrapped as
   * {@code [text]}, where a parser per text would cost more than the text itself: a text is one value when the array
   * holds exactly one value and ends at the very bracket put after it, so no text can end early or run into the
   * next. From the first text that is not, each of the rest is read on its own.
   */
  static boolean[] areSingleValues(byte[][] texts) {
    int length = 0;
    for (byte[] text : texts) {
      length += text == null ? 0 : text.length + 3;
    }
    byte[] all = new byte[length];
    int[] ends = new int[texts.length];
    int at = 0;
    for (int i = 0; i < texts.length; i++) {
      if (texts[i] == null) {
        continue;
      }
      all[at++] = '[';
      System.arraycopy(texts[i], 0, all, at, texts[i].length);
      at += texts[i].length;
      ends[i] = at;
      all[at++] = ']';
      all[at++] = ' ';
    }
    boolean[] single = new boolean[texts.length];
    int checked = 0;
    try (JsonParser parser = FACTORY.createParser(all)) {
      for (; checked < texts.length; checked++) {
        if (texts[checked] == null) {
          continue;
        }
        if (!wrappedSingle(parser, texts[checked], ends[checked])) {
          break;
        }
        single[checked] = true;
      }
    } catch (IOException e) {
      // why: that text (or one before it, read as part of it) is not one JSON value; each is read on its own below.
    }
    for (int i = checked; i < texts.length; i++) {
      single[i] = texts[i] != null && isSingleValue(texts[i]);
    }
    return single;
  }

  /** Reads {@code [text]} ending at byte {@code end}; true when it holds exactly one value and ends there. */
  private static boolean wrappedSingle(JsonParser parser, byte[] text, int end) throws IOException {
    if (text.length == 0 || text[0] < 0 || parser.nextToken() != JsonToken.START_ARRAY) {
      return false;
    }
    JsonToken value = parser.nextToken();
    if (value == null || value == JsonToken.END_ARRAY) {
      return false;
    }
    parser.skipChildren();
    return parser.nextToken() == JsonToken.END_ARRAY && parser.currentTokenLocation().getByteOffset() == end;
  }
}
