package dev.modelrun.adapters.s3;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Length-prefixed strings and byte arrays of the adapter's small binary formats (stored results, references). */
final class BinaryFields {
  private BinaryFields() {}

  static void writeString(DataOutputStream out, String text) throws IOException {
    writeBytes(out, text.getBytes(StandardCharsets.UTF_8));
  }

  static String readString(DataInputStream in) throws IOException {
    return new String(readBytes(in), StandardCharsets.UTF_8);
  }

  static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  /** @throws IOException when the length runs past the end of the (in-memory) stream */
  static byte[] readBytes(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > in.available()) {
      throw new IOException("length " + length + " runs past the end");
    }
    return in.readNBytes(length);
  }
}
