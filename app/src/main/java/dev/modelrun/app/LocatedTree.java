package dev.modelrun.app;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Reader;
import java.util.HashMap;
import java.util.Map;

/**
 * A document (YAML or JSON) read as a tree, with the line of each value by its path ({@code models[1].runs.endpoint}),
 * so an error can say where in the file the wrong value is.
 */
record LocatedTree(JsonNode root, Map<String, Integer> lines) {
  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  static LocatedTree read(JsonFactory factory, Reader reader) throws IOException {
    Map<String, Integer> lines = new HashMap<>();
    try (JsonParser parser = factory.createParser(reader)) {
      if (parser.nextToken() == null) {
        return new LocatedTree(NODES.missingNode(), lines);
      }
      JsonNode root = value(parser, "", lines);
      return new LocatedTree(root, lines);
    }
  }

  /** The line of the value at {@code path}, or of its nearest ancestor that has one (1 when none has). */
  int line(String path) {
    String at = path;
    while (true) {
      Integer line = lines.get(at);
      if (line != null) {
        return line;
      }
      int cut = Math.max(at.lastIndexOf('.'), at.lastIndexOf('['));
      if (cut <= 0) {
        return lines.getOrDefault("", 1);
      }
      at = at.substring(0, cut);
    }
  }

  private static JsonNode value(JsonParser parser, String path, Map<String, Integer> lines) throws IOException {
    lines.put(path, parser.currentTokenLocation().getLineNr());
    JsonToken token = parser.currentToken();
    return switch (token) {
      case START_OBJECT -> {
        ObjectNode object = NODES.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          String child = path.isEmpty() ? name : path + "." + name;
          int keyLine = parser.currentTokenLocation().getLineNr();
          parser.nextToken();
          object.set(name, value(parser, child, lines));
          // why: the key's line, where a reader looks; a block value starts on the next line.
          lines.put(child, keyLine);
        }
        yield object;
      }
      case START_ARRAY -> {
        ArrayNode array = NODES.arrayNode();
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          array.add(value(parser, path + "[" + index++ + "]", lines));
        }
        yield array;
      }
      case VALUE_STRING -> NODES.textNode(parser.getText());
      case VALUE_NUMBER_INT -> NODES.numberNode(parser.getBigIntegerValue());
      case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDecimalValue());
      case VALUE_TRUE -> NODES.booleanNode(true);
      case VALUE_FALSE -> NODES.booleanNode(false);
      case VALUE_NULL -> NODES.nullNode();
      default -> throw new IOException("unexpected " + token + " at line " + parser.currentTokenLocation().getLineNr());
    };
  }
}
