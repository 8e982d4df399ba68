package dev.modelrun.adapters.oip;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelrun.core.model.InputData;
import dev.modelrun.core.model.ModelDescriptor;
import dev.modelrun.core.model.ModelInput;
import dev.modelrun.core.model.ModelOutput;
import dev.modelrun.core.model.OutputValue;
import dev.modelrun.core.port.out.ItemModel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An item model that runs on an Open Inference Protocol server. Each item is one inference request with a tensor per
 * input, named as the input, of datatype {@code BYTES} and shape {@code [1]}: text inputs ({@code text/*}, JSON) as
 * their UTF-8 text (parameter {@code content_type: str}), other inputs as base64 ({@code content_type: base64}). The
 * request's parameters carry {@code explain: true} when the job asked for an explanation.
 *
 * <p>Each output of the descriptor is read from the answer's output tensor of the same name (or from the only tensor,
 * when the model has one output): for a JSON output, the tensor's single element (when it is a string holding one
 * JSON value, that JSON as the server wrote it; any other string stays a JSON string) or its whole {@code data}
 * array; for a text output, its elements as text, one per line; for any other media type, its single element decoded
 * from base64. With a batch size above 1, several items go in one request: each input's
 * tensor has shape {@code [items]} and each output tensor must hold one element per item, in order.
 */
public final class RemoteItemModel implements ItemModel {
  private final ModelDescriptor descriptor;
  private final OipClient client;
  private final int batchSize;

  /** A model that sends one item per request. */
  public RemoteItemModel(ModelDescriptor descriptor, OipClient client) {
    this(descriptor, client, 1);
  }

  /** A model that sends up to {@code batchSize} items per request, each input as one tensor of them all. */
  public RemoteItemModel(ModelDescriptor descriptor, OipClient client, int batchSize) {
    this.descriptor = requireNonNull(descriptor, "descriptor");
    this.client = requireNonNull(client, "client");
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1 but was " + batchSize);
    }
    this.batchSize = batchSize;
    if (descriptor.isTabular()) {
      throw new IllegalArgumentException("model " + descriptor.ref() + " has fields: it is a tabular model");
    }
  }

  @Override
  public ModelDescriptor descriptor() {
    return descriptor;
  }

  public OipClient client() {
    return client;
  }

  @Override
  public int batchSize() {
    return batchSize;
  }

  @Override
  public Map<String, OutputValue> run(Map<String, InputData> inputs, boolean explain) throws Exception {
    return runBatch(List.of(inputs), explain).getFirst();
  }

  /** Several items in one request: each input's tensor has shape {@code [items]}, each output one element per item. */
  @Override
  public List<Map<String, OutputValue>> runBatch(List<Map<String, InputData>> items, boolean explain)
      throws Exception {
    ObjectNode request = OipClient.JSON.createObjectNode();
    if (explain) {
      request.putObject("parameters").put("explain", true);
    }
    ArrayNode tensors = request.putArray("inputs");
    // why: one decoder for the whole request instead of one per item; decode() resets it each time.
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    for (ModelInput input : descriptor.inputs()) {
      List<String> texts = new ArrayList<>(items.size());
      List<byte[]> contents = new ArrayList<>(items.size());
      boolean allText = true;
      String lastType = null;
      boolean lastTextual = false;
      for (Map<String, InputData> item : items) {
        InputData data = item.get(input.name());
        if (data == null) {
          throw new IllegalArgumentException("the input " + input.name() + " is missing");
        }
        byte[] bytes = data.content().read();
        contents.add(bytes);
        if (!data.mediaType().equals(lastType)) {
          // why: the items of a call nearly always share a media type; its essence is worked out once.
          lastType = data.mediaType();
          lastTextual = textual(lastType);
        }
        String text = allText && lastTextual ? utf8(decoder, bytes) : null;
        allText = text != null;
        texts.add(text);
      }
      ObjectNode tensor = tensors.addObject();
      tensor.put("name", input.name());
      tensor.putArray("shape").add(items.size());
      tensor.put("datatype", "BYTES");
      tensor.putObject("parameters").put("content_type", allText ? "str" : "base64");
      ArrayNode data = tensor.putArray("data");
      for (int i = 0; i < items.size(); i++) {
        data.add(allText ? texts.get(i) : Base64.getEncoder().encodeToString(contents.get(i)));
      }
    }
    JsonNode outputs = client.infer(request).path("outputs");
    if (!outputs.isArray()) {
      throw new ModelServerException("model server " + client.endpoint() + " answered without outputs", 200, false,
          null);
    }
    List<Map<String, OutputValue>> results = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      results.add(new LinkedHashMap<>());
    }
    for (ModelOutput output : descriptor.outputs()) {
      JsonNode tensor = Tensors.named(outputs, output.name(), descriptor.outputs().size() == 1);
      if (tensor == null) {
        throw new ModelServerException("model server " + client.endpoint() + " answered without the output '"
            + output.name() + "'", 200, false, null);
      }
      JsonNode data = tensor.path("data");
      if (!data.isArray() || data.isEmpty()) {
        throw new ModelServerException("model server " + client.endpoint() + " answered an output '"
            + output.name() + "' without data", 200, false, null);
      }
      if (items.size() == 1) {
        results.getFirst().put(output.name(), data.size() == 1 ? element(output, data.get(0)) : value(output, data));
        continue;
      }
      if (data.size() != items.size()) {
        throw new ModelServerException("model server " + client.endpoint() + " answered " + data.size()
            + " values of '" + output.name() + "' for " + items.size() + " items", 200, false, null);
      }
      for (int i = 0; i < items.size(); i++) {
        results.get(i).put(output.name(), element(output, data.get(i)));
      }
    }
    return results;
  }

  /** The value of an output of several elements, for one item: a JSON array, lines of text, or the first's bytes. */
  private OutputValue value(ModelOutput output, JsonNode data) throws ModelServerException {
    String type = output.mediaType().toLowerCase(Locale.ROOT);
    if (type.contains("json")) {
      return new OutputValue(output.mediaType(), write(data));
    }
    if (type.startsWith("text/")) {
      StringBuilder text = new StringBuilder();
      for (JsonNode element : data) {
        if (!text.isEmpty()) {
          text.append('\n');
        }
        text.append(element.asText());
      }
      return new OutputValue(output.mediaType(), text.toString().getBytes(StandardCharsets.UTF_8));
    }
    return element(output, data.get(0));
  }

  /**
   * The value of an output of one element, for one item: for JSON, the element itself, or the JSON a string element
   * holds (as the server wrote it), or else the string; for text, the element's text; otherwise its bytes from base64.
   */
  private OutputValue element(ModelOutput output, JsonNode element) throws ModelServerException {
    String type = output.mediaType().toLowerCase(Locale.ROOT);
    if (type.contains("json")) {
      if (element.isTextual()) {
        byte[] json = jsonValue(element.textValue());
        return new OutputValue(output.mediaType(), json != null ? json : write(element));
      }
      return new OutputValue(output.mediaType(), write(element));
    }
    if (type.startsWith("text/")) {
      return new OutputValue(output.mediaType(), element.asText().getBytes(StandardCharsets.UTF_8));
    }
    try {
      return new OutputValue(output.mediaType(), Base64.getDecoder().decode(element.asText()));
    } catch (IllegalArgumentException e) {
      throw new ModelServerException("model server " + client.endpoint() + " answered an output '" + output.name()
          + "' of " + output.mediaType() + " that is not base64", 200, false, e);
    }
  }

  /**
   * The text's UTF-8 bytes when it is exactly one JSON value, else null. Read as tokens only, not as a tree written
   * out again: an answer of many items holds one such string per item.
   */
  private static byte[] jsonValue(String text) {
    try (JsonParser parser = OipClient.JSON.createParser(text)) {
      if (parser.nextToken() == null) {
        return null;
      }
      parser.skipChildren();
      return parser.nextToken() == null ? text.getBytes(StandardCharsets.UTF_8) : null;
    } catch (IOException e) {
      // why: a string that is not JSON is itself a JSON value: the string.
      return null;
    }
  }

  private static byte[] write(JsonNode value) {
    try {
      return OipClient.JSON.writeValueAsBytes(value);
    } catch (JacksonException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean textual(String mediaType) {
    String essence = ModelInput.essence(mediaType);
    return essence.startsWith("text/") || essence.equals("application/json") || essence.endsWith("+json");
  }

  /** The bytes as text, or null when they are not UTF-8 (they then go as base64). */
  private static String utf8(CharsetDecoder decoder, byte[] bytes) {
    try {
      return decoder.decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
