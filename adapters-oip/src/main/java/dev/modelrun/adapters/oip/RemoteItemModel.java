package dev.modelrun.adapters.oip;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.base.Utf8;
import dev.modelrun.core.model.InputData;
import dev.modelrun.core.model.ModelDescriptor;
import dev.modelrun.core.model.ModelInput;
import dev.modelrun.core.model.ModelOutput;
import dev.modelrun.core.model.OutputValue;
import dev.modelrun.core.port.out.ItemModel;
import java.io.IOException;
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
  private final OutputKind[] kinds;

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
    this.kinds = descriptor.outputs().stream().map(OutputKind::of).toArray(OutputKind[]::new);
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
    JsonNode outputs = client.infer(request(items, explain)).path("outputs");
    if (!outputs.isArray()) {
      throw new ModelServerException("model server " + client.endpoint() + " answered without outputs", 200, false,
          null);
    }
    List<ModelOutput> expected = descriptor.outputs();
    JsonNode[] data = new JsonNode[expected.size()];
    for (int o = 0; o < data.length; o++) {
      ModelOutput output = expected.get(o);
      JsonNode tensor = Tensors.named(outputs, output.name(), expected.size() == 1);
      if (tensor == null) {
        throw new ModelServerException("model server " + client.endpoint() + " answered without the output '"
            + output.name() + "'", 200, false, null);
      }
      data[o] = tensor.path("data");
      if (!data[o].isArray() || data[o].isEmpty()) {
        throw new ModelServerException("model server " + client.endpoint() + " answered an output '"
            + output.name() + "' without data", 200, false, null);
      }
      if (items.size() > 1 && data[o].size() != items.size()) {
        throw new ModelServerException("model server " + client.endpoint() + " answered " + data[o].size()
            + " values of '" + output.name() + "' for " + items.size() + " items", 200, false, null);
      }
    }
    OutputValue[][] values = new OutputValue[data.length][];
    for (int o = 0; o < data.length; o++) {
      values[o] = values(o, data[o], items.size());
    }
    List<Map<String, OutputValue>> results = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      if (data.length == 1) {
        // why: most models have one output; a map of one entry is what the engine keeps per item.
        results.add(Map.of(expected.getFirst().name(), values[0][i]));
        continue;
      }
      Map<String, OutputValue> result = LinkedHashMap.newLinkedHashMap(data.length);
      for (int o = 0; o < data.length; o++) {
        result.put(expected.get(o).name(), values[o][i]);
      }
      results.add(result);
    }
    return results;
  }

  /** Output {@code o} of each of {@code count} items: with one item, a tensor of several elements is all its. */
  private OutputValue[] values(int o, JsonNode data, int count) throws ModelServerException {
    ModelOutput output = descriptor.outputs().get(o);
    if (count == 1 && data.size() != 1) {
      return new OutputValue[] {value(output, kinds[o], data)};
    }
    OutputValue[] values = new OutputValue[count];
    if (kinds[o] != OutputKind.JSON) {
      for (int i = 0; i < count; i++) {
        values[i] = element(output, kinds[o], data.get(i));
      }
      return values;
    }
    byte[][] texts = new byte[count][];
    for (int i = 0; i < count; i++) {
      JsonNode element = data.get(i);
      texts[i] = element.isTextual() ? element.textValue().getBytes(StandardCharsets.UTF_8) : null;
    }
    boolean[] json = JsonValues.areSingleValues(texts);
    for (int i = 0; i < count; i++) {
      // why: a string of one JSON value is that JSON as the server wrote it; any other string stays a JSON string.
      values[i] = new OutputValue(output.mediaType(), json[i] ? texts[i] : write(data.get(i)));
    }
    return values;
  }

  /**
   * The request's JSON, written as it goes rather than built as a tree: each item's text goes from its UTF-8 bytes
   * straight into the request, with no string or node per item.
   */
  private byte[] request(List<Map<String, InputData>> items, boolean explain) throws IOException {
    ByteArrayBuilder body = new ByteArrayBuilder(256 + 32 * items.size());
    try (JsonGenerator json = OipClient.JSON.getFactory().createGenerator(body)) {
      json.writeStartObject();
      if (explain) {
        json.writeObjectFieldStart("parameters");
        json.writeBooleanField("explain", true);
        json.writeEndObject();
      }
      json.writeArrayFieldStart("inputs");
      byte[][] contents = new byte[items.size()][];
      for (ModelInput input : descriptor.inputs()) {
        boolean allText = true;
        String lastType = null;
        boolean lastTextual = false;
        for (int i = 0; i < contents.length; i++) {
          InputData data = items.get(i).get(input.name());
          if (data == null) {
            throw new IllegalArgumentException("the input " + input.name() + " is missing");
          }
          contents[i] = data.content().read();
          if (!data.mediaType().equals(lastType)) {
            // why: the items of a call nearly always share a media type; its essence is worked out once.
            lastType = data.mediaType();
            lastTextual = textual(lastType);
          }
          allText = allText && lastTextual && Utf8.isWellFormed(contents[i]);
        }
        json.writeStartObject();
        json.writeStringField("name", input.name());
        json.writeArrayFieldStart("shape");
        json.writeNumber(contents.length);
        json.writeEndArray();
        json.writeStringField("datatype", "BYTES");
        json.writeObjectFieldStart("parameters");
        json.writeStringField("content_type", allText ? "str" : "base64");
        json.writeEndObject();
        json.writeArrayFieldStart("data");
        for (byte[] content : contents) {
          if (allText) {
            json.writeUTF8String(content, 0, content.length);
          } else {
            json.writeBinary(content);
          }
        }
        json.writeEndArray();
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    return body.toByteArray();
  }

  /** The value of an output of several elements, for one item: a JSON array, lines of text, or the first's bytes. */
  private OutputValue value(ModelOutput output, OutputKind kind, JsonNode data) throws ModelServerException {
    if (kind == OutputKind.JSON) {
      return new OutputValue(output.mediaType(), write(data));
    }
    if (kind == OutputKind.TEXT) {
      StringBuilder text = new StringBuilder();
      for (JsonNode element : data) {
        if (!text.isEmpty()) {
          text.append('\n');
        }
        text.append(element.asText());
      }
      return new OutputValue(output.mediaType(), text.toString().getBytes(StandardCharsets.UTF_8));
    }
    return element(output, kind, data.get(0));
  }

  /**
   * The value of an output of one element, for one item: for JSON, the element itself, or the JSON a string element
   * holds (as the server wrote it), or else the string; for text, the element's text; otherwise its bytes from base64.
   */
  private OutputValue element(ModelOutput output, OutputKind kind, JsonNode element) throws ModelServerException {
    switch (kind) {
      case JSON -> {
        if (element.isTextual()) {
          byte[] text = element.textValue().getBytes(StandardCharsets.UTF_8);
          return new OutputValue(output.mediaType(), JsonValues.isSingleValue(text) ? text : write(element));
        }
        return new OutputValue(output.mediaType(), write(element));
      }
      case TEXT -> {
        return new OutputValue(output.mediaType(), element.asText().getBytes(StandardCharsets.UTF_8));
      }
      default -> {
        try {
          return new OutputValue(output.mediaType(), Base64.getDecoder().decode(element.asText()));
        } catch (IllegalArgumentException e) {
          throw new ModelServerException("model server " + client.endpoint() + " answered an output '"
              + output.name() + "' of " + output.mediaType() + " that is not base64", 200, false, e);
        }
      }
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

  /** How an output is read from the answer, by its media type. */
  private enum OutputKind {
    JSON, TEXT, BINARY;

    static OutputKind of(ModelOutput output) {
      String type = output.mediaType().toLowerCase(Locale.ROOT);
      return type.contains("json") ? JSON : type.startsWith("text/") ? TEXT : BINARY;
    }
  }
}
