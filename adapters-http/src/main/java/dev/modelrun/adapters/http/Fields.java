package dev.modelrun.adapters.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelrun.core.model.InvalidInputException;
import java.math.BigDecimal;
import java.util.Optional;

/** Typed reads from a JSON tree, each failure a 400 that names the field by its path. */
final class Fields {
  private Fields() {}

  static JsonNode requireObject(JsonNode node, String path) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      throw new InvalidInputException(path + " is required");
    }
    if (!node.isObject()) {
      throw new InvalidInputException(path + " must be an object but was " + describe(node));
    }
    return node;
  }

  /** A field that must be an object when present; empty when missing or null. */
  static Optional<JsonNode> optionalObject(JsonNode parent, String field, String path) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    return Optional.of(requireObject(node, path));
  }

  static String requireString(JsonNode parent, String field, String path) {
    return optionalString(parent, field, path).orElseThrow(() -> new InvalidInputException(path + " is required"));
  }

  static String requireNonBlankString(JsonNode parent, String field, String path) {
    String value = requireString(parent, field, path);
    if (value.isBlank()) {
      throw new InvalidInputException(path + " must not be blank");
    }
    return value;
  }

  static Optional<String> optionalString(JsonNode parent, String field, String path) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isTextual()) {
      throw new InvalidInputException(path + " must be a string but was " + describe(node));
    }
    return Optional.of(node.textValue());
  }

  static Optional<Boolean> optionalBoolean(JsonNode parent, String field, String path) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isBoolean()) {
      throw new InvalidInputException(path + " must be true or false but was " + describe(node));
    }
    return Optional.of(node.booleanValue());
  }

  /** A whole number given as a JSON number or a numeric string; empty when missing or null. */
  static Optional<Long> optionalWholeNumber(JsonNode parent, String field, String path) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    BigDecimal value;
    if (node.isNumber()) {
      value = node.decimalValue();
    } else if (node.isTextual()) {
      try {
        value = new BigDecimal(node.textValue().strip());
      } catch (NumberFormatException e) {
        throw new InvalidInputException(path + " must be a whole number but was '" + Text.clip(node.textValue())
            + "'");
      }
    } else {
      throw new InvalidInputException(path + " must be a whole number but was " + describe(node));
    }
    try {
      return Optional.of(value.longValueExact());
    } catch (ArithmeticException e) {
      throw new InvalidInputException(path + " must be a whole number within range but was " + Text.clip(
          value.toPlainString()));
    }
  }

  /** What a JSON value is, for messages: "a string", "an array", "the number 3". */
  static String describe(JsonNode node) {
    return switch (node.getNodeType()) {
      case STRING -> "a string";
      case NUMBER -> "the number " + Text.clip(node.asText());
      case BOOLEAN -> "the boolean " + node.booleanValue();
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case NULL, MISSING -> "null";
      case BINARY, POJO -> "a value of another type";
    };
  }

  /** A path segment for a key chosen by the client, clipped. */
  static String key(String name) {
    return Text.clip(name);
  }
}
