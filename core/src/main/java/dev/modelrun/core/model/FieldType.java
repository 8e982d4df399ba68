package dev.modelrun.core.model;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * The type of a tabular field. Values of a record are {@link String}, {@link Long} (integer), {@link BigDecimal}
 * (number, exact: no binary rounding of what the client sent) or {@link Boolean}.
 */
public enum FieldType {
  STRING,
  INTEGER,
  NUMBER,
  BOOLEAN;

  /** The lower-case name used in descriptors and the HTTP API. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The most decimal places, and the largest power of ten, a number may have. Exactness stays within any sensible
   * value; without a bound, a dozen characters ({@code 1e999999999}) would ask for a billion digits of arithmetic.
   */
  public static final int MAX_NUMBER_SCALE = 1000;

  public static FieldType parse(String label) {
    for (FieldType type : values()) {
      if (type.label().equalsIgnoreCase(label)) {
        return type;
      }
    }
    throw new InvalidInputException("field type must be one of string, integer, number, boolean but was '" + label + "'");
  }

  /**
   * Reads a value of this type from its text form (a CSV cell, a default value).
   *
   * @throws IllegalArgumentException with a message saying what was expected, when the text is not of this type
   */
  public Object parseText(String text) {
    String trimmed = text.strip();
    return switch (this) {
      case STRING -> text;
      case INTEGER -> {
        try {
          yield Long.parseLong(trimmed);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("expected an integer but was '" + text + "'");
        }
      }
      case NUMBER -> {
        BigDecimal number = plainDecimal(trimmed);
        try {
          if (number == null) {
            number = new BigDecimal(trimmed);
          }
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("expected a number but was '" + text + "'");
        }
        yield bounded(number, text, true);
      }
      case BOOLEAN -> switch (trimmed.toLowerCase(Locale.ROOT)) {
        case "true" -> Boolean.TRUE;
        case "false" -> Boolean.FALSE;
        default -> throw new IllegalArgumentException("expected true or false but was '" + text + "'");
      };
    };
  }

  /**
   * Converts a value read from a structured document (JSON: strings, integral or decimal numbers, booleans) to this
   * type, accepting a numeric string for a number and an integral number for a number.
   *
   * @throws IllegalArgumentException naming the expected type, when the value does not fit
   */
  public Object coerce(Object value) {
    return switch (value) {
      case String text -> parseText(text);
      case Boolean bool when this == BOOLEAN -> bool;
      case Boolean bool when this == STRING -> bool.toString();
      case Number number when this == STRING -> number.toString();
      case Number number when this == INTEGER -> {
        try {
          yield new BigDecimal(number.toString()).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
          throw new IllegalArgumentException("expected an integer but was " + number);
        }
      }
      case Number number when this == NUMBER -> {
        BigDecimal exact;
        try {
          exact = new BigDecimal(number.toString());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("expected a number but was " + number);
        }
        yield bounded(exact, number.toString(), false);
      }
      default -> throw new IllegalArgumentException("expected " + (this == INTEGER ? "an " : "a ") + label()
          + " but was " + describe(value));
    };
  }

  /**
   * A short plain decimal ({@code -123.45}: a sign, at most 17 ASCII digits and one point) read straight into its
   * unscaled value and scale, the same {@link BigDecimal} (equal, scale included) as {@code new BigDecimal(text)};
   * {@code null} for anything else, which {@code BigDecimal} then reads or refuses.
   */
  // why: most numbers in uploaded files look like this, and BigDecimal's own parser copies and rescans the text.
  static BigDecimal plainDecimal(String text) {
    int length = text.length();
    // why: 18 characters hold at most 18 digits, below Long.MAX_VALUE, so the unscaled value cannot overflow.
    if (length == 0 || length > 18) {
      return null;
    }
    int i = 0;
    boolean negative = false;
    char first = text.charAt(0);
    if (first == '-' || first == '+') {
      negative = first == '-';
      i = 1;
    }
    long unscaled = 0;
    int scale = 0;
    int digits = 0;
    boolean point = false;
    for (; i < length; i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        unscaled = unscaled * 10 + (c - '0');
        digits++;
        if (point) {
          scale++;
        }
      } else if (c == '.' && !point) {
        point = true;
      } else {
        return null;
      }
    }
    return digits == 0 ? null : BigDecimal.valueOf(negative ? -unscaled : unscaled, scale);
  }

  // why: the text is quoted in the message only when there is one; building it for every number cost a copy each.
  private static BigDecimal bounded(BigDecimal number, String shown, boolean quoted) {
    if (Math.abs(number.scale()) > MAX_NUMBER_SCALE) {
      throw new IllegalArgumentException("expected a number of at most " + MAX_NUMBER_SCALE
          + " decimal places and at most " + MAX_NUMBER_SCALE + " trailing zeros but was "
          + (quoted ? "'" + shown + "'" : shown));
    }
    return number;
  }

  private static String describe(Object value) {
    return switch (value) {
      case Boolean bool -> "the boolean " + bool;
      case Number number -> "the number " + number;
      default -> "a " + value.getClass().getSimpleName();
    };
  }
}
