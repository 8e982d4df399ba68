package dev.modelrun.adapters.jdbc;

import dev.modelrun.core.model.OutputValue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outputs of one result in one binary column: a count, then per output its name, media type, length and bytes.
 * Compact and free of any JSON library; the format is private to this adapter.
 */
final class ResultCodec {
  private ResultCodec() {}

  static byte[] encode(Map<String, OutputValue> outputs) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(outputs.size());
      for (Map.Entry<String, OutputValue> output : outputs.entrySet()) {
        out.writeUTF(output.getKey());
        out.writeUTF(output.getValue().mediaType());
        byte[] content = output.getValue().content();
        out.writeInt(content.length);
        out.write(content);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static Map<String, OutputValue> decode(byte[] encoded) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
      int count = in.readInt();
      Map<String, OutputValue> outputs = LinkedHashMap.newLinkedHashMap(count);
      for (int i = 0; i < count; i++) {
        String name = in.readUTF();
        String mediaType = in.readUTF();
        byte[] content = new byte[in.readInt()];
        in.readFully(content);
        outputs.put(name, new OutputValue(mediaType, content));
      }
      return outputs;
    } catch (IOException e) {
      throw new UncheckedIOException("a stored result is corrupt", e);
    }
  }
}
