package dev.modelrun.engine;

import dev.modelrun.core.model.Field;
import dev.modelrun.core.model.FieldRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The records of a structured job as the engine keeps them between submit and run: already mapped and typed, the
 * values of each record in the model's field order, in a compact binary form. Reading a batch back needs no parsing
 * of the client's format and no second check of types.
 */
final class RecordSpool {
  private static final byte SMALL = 0;
  private static final byte LARGE = 1;

  private RecordSpool() {}

  /** Writes one record: a value of the field's type (as {@code FieldType} reads it) for every field. */
  static void write(Buffer out, List<Field> fields, Map<String, Object> record) {
    for (Field field : fields) {
      Object value = record.get(field.name());
      switch (field.type()) {
        case STRING -> out.bytes(((String) value).getBytes(StandardCharsets.UTF_8));
        case INTEGER -> out.putLong((Long) value);
        case NUMBER -> {
          BigDecimal number = (BigDecimal) value;
          out.putInt(number.scale());
          // why: most numbers have an unscaled value that fits a long; those skip BigInteger both ways (moving the
          // point by the scale gives the unscaled value at scale 0, which BigDecimal hands out without a BigInteger).
          if (number.precision() < 19) {
            out.put(SMALL);
            out.putLong(number.movePointRight(number.scale()).longValueExact());
          } else {
            out.put(LARGE);
            out.bytes(number.unscaledValue().toByteArray());
          }
        }
        case BOOLEAN -> out.put((byte) ((Boolean) value ? 1 : 0));
      }
    }
  }

  /** Reads {@code count} records written by {@link #write}, each of every field in field order (unmodifiable). */
  static List<Map<String, Object>> read(byte[] bytes, List<Field> fields, int count) throws IOException {
    return new Reader(bytes, fields).next(count);
  }

  /** Reads records written by {@link #write} from an array, a few at a time. */
  static final class Reader {
    // why: from an array, not a stream: a DataInputStream over a buffered stream takes a lock per byte read.
    private final ByteBuffer data;
    private final List<Field> fields;
    private final FieldRecord.Shape shape;
    private int read;

    Reader(byte[] bytes, List<Field> fields) {
      this.data = ByteBuffer.wrap(bytes);
      this.fields = fields;
      this.shape = FieldRecord.Shape.of(fields.stream().map(Field::name).toList());
    }

    /** The next {@code count} records, each of every field in field order (unmodifiable). */
    List<Map<String, Object>> next(int count) throws IOException {
      List<Map<String, Object>> records = new ArrayList<>(count);
      try {
        for (int i = 0; i < count; i++) {
          Object[] values = new Object[fields.size()];
          for (int f = 0; f < values.length; f++) {
            values[f] = switch (fields.get(f).type()) {
              case STRING -> new String(bytes(data), StandardCharsets.UTF_8);
              case INTEGER -> data.getLong();
              case NUMBER -> {
                int scale = data.getInt();
                yield data.get() == SMALL ? BigDecimal.valueOf(data.getLong(), scale)
                    : new BigDecimal(new BigInteger(bytes(data)), scale);
              }
              case BOOLEAN -> data.get() != 0;
            };
          }
          records.add(shape.record(values));
          read++;
        }
      } catch (BufferUnderflowException e) {
        throw new IOException("the records file ends inside record " + (read + 1) + " of the batch", e);
      }
      return records;
    }
  }

  private static byte[] bytes(ByteBuffer data) {
    byte[] bytes = new byte[data.getInt()];
    data.get(bytes);
    return bytes;
  }

  /** A growing buffer of spooled records, written to the records file at once. */
  static final class Buffer {
    private ByteBuffer buffer = ByteBuffer.allocate(1 << 14);

    int size() {
      return buffer.position();
    }

    void writeTo(OutputStream out) throws IOException {
      out.write(buffer.array(), 0, buffer.position());
      buffer.clear();
    }

    /** Writes the bytes from {@code from} to {@code to} (both at most {@link #size()}), keeping them. */
    void writeTo(OutputStream out, int from, int to) throws IOException {
      out.write(buffer.array(), from, to - from);
    }

    void putInt(int value) {
      room(4).putInt(value);
    }

    void putLong(long value) {
      room(8).putLong(value);
    }

    void put(byte value) {
      room(1).put(value);
    }

    void bytes(byte[] bytes) {
      room(4 + bytes.length).putInt(bytes.length).put(bytes);
    }

    private ByteBuffer room(int bytes) {
      if (buffer.remaining() < bytes) {
        ByteBuffer larger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + bytes));
        buffer.flip();
        larger.put(buffer);
        buffer = larger;
      }
      return buffer;
    }
  }
}
