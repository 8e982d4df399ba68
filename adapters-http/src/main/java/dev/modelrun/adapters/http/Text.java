package dev.modelrun.adapters.http;

/** Small helpers for echoing client text safely in messages. */
final class Text {
  private static final int MAX_ECHO = 120;

  private Text() {}

  /** The text cut to a length fit for an error message, with control characters replaced. */
  static String clip(String text) {
    String cut = text.length() > MAX_ECHO ? text.substring(0, MAX_ECHO) + "..." : text;
    StringBuilder out = new StringBuilder(cut.length());
    cut.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return out.toString();
  }

  /** True when a query value is absent: missing, empty, or the literal {@code undefined}/{@code null} of JS clients. */
  static boolean absent(String value) {
    // why: the Modzy JS SDK builds history URLs by hand and sends `user=undefined` for parameters it was not given.
    return value == null || value.isBlank() || value.equals("undefined") || value.equals("null");
  }
}
