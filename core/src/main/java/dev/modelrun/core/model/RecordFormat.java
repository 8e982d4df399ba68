package dev.modelrun.core.model;

import java.util.Locale;

/** The formats of uploaded record files, by the media type the client names. */
public enum RecordFormat {
  CSV_WITH_HEADER("text/csv; header=present"),
  CSV_WITHOUT_HEADER("text/csv; header=absent"),
  JSON_ARRAY("application/json"),
  NDJSON("application/x-ndjson");

  private final String mediaType;

  RecordFormat(String mediaType) {
    this.mediaType = mediaType;
  }

  /** The media type as the API names it. */
  public String mediaType() {
    return mediaType;
  }

  /**
   * Reads the client's {@code mimeType}: case and spaces around {@code ;} do not matter; {@code text/csv} without a
   * header parameter means a header is present.
   */
  public static RecordFormat parse(String mimeType) {
    String normalized = mimeType.toLowerCase(Locale.ROOT).replace(" ", "");
    return switch (normalized) {
      case "text/csv;header=present", "text/csv" -> CSV_WITH_HEADER;
      case "text/csv;header=absent" -> CSV_WITHOUT_HEADER;
      case "application/json" -> JSON_ARRAY;
      case "application/x-ndjson" -> NDJSON;
      default -> throw new InvalidInputException("mimeType must be one of 'text/csv; header=present', "
          + "'text/csv; header=absent', 'application/json', 'application/x-ndjson' but was '" + mimeType + "'");
    };
  }
}
