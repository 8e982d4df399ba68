package dev.modelrun.engine;

import dev.modelrun.core.model.Field;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The records of a structured job as the engine keeps them between submit and run: already mapped and typed, the
 * values of each record in the model's field order, in a compact binary form. Reading a batch back needs no parsing
 * of the client's format and no second check of types.
 */
final class RecordSpool {
  private RecordSpool() {}

  /** Writes one record: a value of the field's type (as {@code FieldType} reads it) for every field. */
  static void write(DataOutputStream out, List<Field> fields, Map<String, Object> record) throws IOException {
    for (Field field : fields) {
      Object value = record.get(field.name());
      switch (field.type()) {
        case STRING -> StructuredPlan.writeText(out, (String) value);
        case INTEGER -> out.writeLong((Long) value);
        case NUMBER -> {
          BigDecimal number = (BigDecimal) value;
          byte[] unscaled = number.unscaledValue().toByteArray();
          out.writeInt(number.scale());
          out.writeInt(unscaled.length);
          out.write(unscaled);
        }
        case BOOLEAN -> out.writeBoolean((Boolean) value);
      }
    }
  }

  /** Reads {@code count} records written by {@link #write}, each a map of every field in field order. */
  static List<Map<String, Object>> read(InputStream in, List<Field> fields, int count) throws IOException {
    DataInputStream data = new DataInputStream(in);
    List<Map<String, Object>> records = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Map<String, Object> record = LinkedHashMap.newLinkedHashMap(fields.size());
      for (Field field : fields) {
        Object value = switch (field.type()) {
          case STRING -> StructuredPlan.readText(data);
          case INTEGER -> data.readLong();
          case NUMBER -> {
            int scale = data.readInt();
            byte[] unscaled = new byte[data.readInt()];
            data.readFully(unscaled);
            yield new BigDecimal(new BigInteger(unscaled), scale);
          }
          case BOOLEAN -> data.readBoolean();
        };
        record.put(field.name(), value);
      }
      records.add(record);
    }
    return records;
  }
}
