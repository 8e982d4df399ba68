package dev.modelrun.adapters.http;

import dev.modelrun.core.model.InvalidInputException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;

/** The API's times: written with exactly three millisecond digits and an offset; read leniently from queries. */
final class Times {
  private static final DateTimeFormatter WRITE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx").withZone(ZoneOffset.UTC);

  private static final DateTimeFormatter LOCAL_TIME = new DateTimeFormatterBuilder()
      .append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral('T')
      .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
      .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
      .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2)
      .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
      .optionalEnd()
      .toFormatter();

  // why: clients write the offset as Z, +00:00 or +0000 (the Go SDK's own format).
  private static final List<DateTimeFormatter> WITH_OFFSET = List.of(
      new DateTimeFormatterBuilder().append(LOCAL_TIME).appendOffset("+HH:MM", "Z").toFormatter(),
      new DateTimeFormatterBuilder().append(LOCAL_TIME).appendOffset("+HHMM", "Z").toFormatter(),
      new DateTimeFormatterBuilder().append(LOCAL_TIME).appendOffset("+HH", "Z").toFormatter());

  private Times() {}

  /** The instant as the API writes it, or {@code null} for none. */
  static String format(Instant instant) {
    return instant == null ? null : WRITE.format(instant);
  }

  /**
   * Reads a time from a query parameter. A space is read as {@code +} (the SDKs do not URL-encode the offset); a time
   * without offset is UTC; a bare date is the start of that day in UTC, or its end when {@code endOfDay}.
   *
   * @throws InvalidInputException naming {@code parameter} when the text is not a time
   */
  static Instant parseQuery(String parameter, String text, boolean endOfDay) {
    String value = text.strip().replace(' ', '+');
    for (DateTimeFormatter format : WITH_OFFSET) {
      try {
        return OffsetDateTime.parse(value, format).toInstant();
      } catch (DateTimeParseException e) {
        // try the next form
      }
    }
    try {
      return LocalDateTime.parse(value, LOCAL_TIME).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      // try a bare date
    }
    try {
      LocalDate date = LocalDate.parse(value);
      return endOfDay
          ? date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1)
          : date.atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(parameter + " must be an ISO-8601 time such as 2021-08-02T21:19:52.529+00:00"
          + " but was '" + Text.clip(text) + "'");
    }
  }
}
