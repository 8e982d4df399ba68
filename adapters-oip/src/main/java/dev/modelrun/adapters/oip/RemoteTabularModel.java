package dev.modelrun.adapters.oip;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelrun.core.model.Field;
import dev.modelrun.core.model.ModelDescriptor;
import dev.modelrun.core.port.out.TabularModel;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tabular model that runs on an Open Inference Protocol server: a batch of records is one inference request with a
 * tensor per field, named as the field, of shape {@code [records]} and datatype {@code BYTES} (string), {@code INT64}
 * (integer), {@code FP64} (number, sent with every digit) or {@code BOOL}. The answer must hold a tensor per output
 * field, named as the field, with one element per record, in order.
 */
public final class RemoteTabularModel implements TabularModel {
  private final ModelDescriptor descriptor;
  private final OipClient client;
  private final int batchSize;

  public RemoteTabularModel(ModelDescriptor descriptor, OipClient client, int batchSize) {
    this.descriptor = requireNonNull(descriptor, "descriptor");
    this.client = requireNonNull(client, "client");
    if (!descriptor.isTabular()) {
      throw new IllegalArgumentException("model " + descriptor.ref() + " has no fields: it is an item model");
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1 but was " + batchSize);
    }
    this.batchSize = batchSize;
  }

  @Override
  public ModelDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public int batchSize() {
    return batchSize;
  }

  public OipClient client() {
    return client;
  }

  @Override
  public List<Map<String, Object>> run(List<Map<String, Object>> records) throws Exception {
    ObjectNode request = OipClient.JSON.createObjectNode();
    ArrayNode tensors = request.putArray("inputs");
    for (Field field : descriptor.fields()) {
      ObjectNode tensor = tensors.addObject();
      tensor.put("name", field.name());
      tensor.putArray("shape").add(records.size());
      tensor.put("datatype", datatype(field));
      ArrayNode data = tensor.putArray("data");
      for (int i = 0; i < records.size(); i++) {
        switch (records.get(i).get(field.name())) {
          case String text -> data.add(text);
          case Long integer -> data.add(integer);
          case BigDecimal number -> data.add(number);
          case Boolean bool -> data.add(bool);
          case null -> throw new IllegalArgumentException("record " + (i + 1) + " has no field '" + field.name() + "'");
          case Object other -> throw new IllegalArgumentException("record " + (i + 1) + ": field '" + field.name()
              + "' has a value of type " + other.getClass().getSimpleName());
        }
      }
    }
    JsonNode outputs = client.infer(request).path("outputs");
    if (!outputs.isArray()) {
      throw bad("answered without outputs");
    }
    List<Map<String, Object>> results = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      results.add(new LinkedHashMap<>());
    }
    for (Field field : descriptor.outputFields()) {
      JsonNode tensor = Tensors.named(outputs, field.name(), descriptor.outputFields().size() == 1);
      if (tensor == null) {
        throw bad("answered without the output '" + field.name() + "'");
      }
      JsonNode data = tensor.path("data");
      if (!data.isArray() || data.size() != records.size()) {
        throw bad("answered " + (data.isArray() ? data.size() : 0) + " values of '" + field.name() + "' for "
            + records.size() + " records");
      }
      for (int i = 0; i < records.size(); i++) {
        try {
          results.get(i).put(field.name(), field.type().coerce(plain(data.get(i))));
        } catch (IllegalArgumentException e) {
          throw bad("answered for record " + (i + 1) + " a value of '" + field.name() + "' that does not fit: "
              + e.getMessage());
        }
      }
    }
    return results;
  }

  private static Object plain(JsonNode value) {
    if (value.isNumber()) {
      return value.numberValue();
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isTextual()) {
      return value.textValue();
    }
    throw new IllegalArgumentException("expected a number, string or boolean but was " + value.getNodeType());
  }

  private ModelServerException bad(String what) {
    return new ModelServerException("model server " + client.endpoint() + " " + what, 200, false, null);
  }

  private static String datatype(Field field) {
    return switch (field.type()) {
      case STRING -> "BYTES";
      case INTEGER -> "INT64";
      case NUMBER -> "FP64";
      case BOOLEAN -> "BOOL";
    };
  }
}
