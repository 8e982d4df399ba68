package dev.modelrun.adapters.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Reads request bodies into trees and writes responses. Reading is strict: one JSON value, no duplicate keys, nesting
 * at most {@value #MAX_DEPTH} deep, strings at most the upload limit long; no default typing is ever enabled.
 */
final class Json {
  static final int MAX_DEPTH = 64;

  private final ObjectMapper reader;
  private final ObjectMapper writer;

  Json(long maxStringLength) {
    JsonFactory strict = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(MAX_DEPTH)
            .maxStringLength((int) Math.min(Integer.MAX_VALUE, Math.max(1024, maxStringLength)))
            .maxNumberLength(100)
            .build())
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();
    this.reader = JsonMapper.builder(strict)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .build();
    this.writer = JsonMapper.builder().build();
  }

  /**
   * Parses a request body.
   *
   * @param what names the body in messages ({@code request body}, {@code multipart part 'data'})
   * @throws HttpProblem 400 naming the place of the error when the bytes are not one JSON value
   */
  JsonNode read(byte[] body, String what) {
    if (body.length == 0) {
      throw HttpProblem.badRequest(what + " is empty; it must be a JSON object");
    }
    try {
      JsonNode node = reader.readTree(body);
      if (node == null || node.isMissingNode()) {
        throw HttpProblem.badRequest(what + " is empty; it must be a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw HttpProblem.badRequest(what + " is not valid JSON" + where + ": " + Text.clip(firstLine(e)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses trusted JSON (a model's output) leniently; empty when it is not JSON. */
  Optional<JsonNode> readTrusted(byte[] content) {
    try {
      return Optional.ofNullable(writer.readTree(content));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  byte[] write(Object value) {
    try {
      return writer.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write response JSON", e);
    }
  }

  private static String firstLine(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    if (message == null) {
      return "malformed JSON";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
