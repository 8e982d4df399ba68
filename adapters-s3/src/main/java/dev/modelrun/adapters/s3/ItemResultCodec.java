package dev.modelrun.adapters.s3;

import static dev.modelrun.adapters.s3.BinaryFields.readBytes;
import static dev.modelrun.adapters.s3.BinaryFields.readString;
import static dev.modelrun.adapters.s3.BinaryFields.writeBytes;
import static dev.modelrun.adapters.s3.BinaryFields.writeString;

import dev.modelrun.core.model.ItemFailure;
import dev.modelrun.core.model.ItemResult;
import dev.modelrun.core.model.ItemSuccess;
import dev.modelrun.core.model.OutputValue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bytes of one stored item result: a small versioned binary form (outputs are bytes of any media type, which a
 * text form would have to re-encode). Format 1: a magic int, then {@code S} (success: item, start, end, latency,
 * outputs by name with media type and bytes) or {@code F} (failure: item, start, end, error).
 */
final class ItemResultCodec {
  private static final int MAGIC = 0x4d525231; // "MRR1"
  private static final byte SUCCESS = 'S';
  private static final byte FAILURE = 'F';

  private ItemResultCodec() {}

  static byte[] encode(ItemResult result) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      switch (result) {
        case ItemSuccess success -> {
          out.writeByte(SUCCESS);
          writeCommon(out, success);
          out.writeLong(success.modelLatency().getSeconds());
          out.writeInt(success.modelLatency().getNano());
          out.writeInt(success.outputs().size());
          for (Map.Entry<String, OutputValue> output : success.outputs().entrySet()) {
            writeString(out, output.getKey());
            writeString(out, output.getValue().mediaType());
            writeBytes(out, output.getValue().content());
          }
        }
        case ItemFailure failure -> {
          out.writeByte(FAILURE);
          writeCommon(out, failure);
          writeString(out, failure.error());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** @throws IllegalArgumentException when the bytes are not a stored result */
  static ItemResult decode(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      if (in.readInt() != MAGIC) {
        throw new IllegalArgumentException("not a stored item result");
      }
      byte kind = in.readByte();
      String item = readString(in);
      Instant start = readInstant(in);
      Instant end = readInstant(in);
      if (kind == FAILURE) {
        return new ItemFailure(item, start, end, readString(in));
      }
      if (kind != SUCCESS) {
        throw new IllegalArgumentException("unknown kind of stored item result: " + kind);
      }
      Duration latency = Duration.ofSeconds(in.readLong(), in.readInt());
      int count = in.readInt();
      Map<String, OutputValue> outputs = LinkedHashMap.newLinkedHashMap(count);
      for (int i = 0; i < count; i++) {
        String name = readString(in);
        outputs.put(name, new OutputValue(readString(in), readBytes(in)));
      }
      return new ItemSuccess(item, start, end, latency, outputs);
    } catch (IOException e) {
      throw new IllegalArgumentException("a stored item result is cut short", e);
    }
  }

  private static void writeCommon(DataOutputStream out, ItemResult result) throws IOException {
    writeString(out, result.item());
    writeInstant(out, result.startTime());
    writeInstant(out, result.endTime());
  }

  private static void writeInstant(DataOutputStream out, Instant instant) throws IOException {
    out.writeLong(instant.getEpochSecond());
    out.writeInt(instant.getNano());
  }

  private static Instant readInstant(DataInputStream in) throws IOException {
    return Instant.ofEpochSecond(in.readLong(), in.readInt());
  }
}
