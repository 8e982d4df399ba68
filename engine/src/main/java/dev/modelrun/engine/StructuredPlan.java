package dev.modelrun.engine;

import static java.util.Objects.requireNonNull;

import dev.modelrun.core.model.FieldMapping;
import dev.modelrun.core.model.RecordFormat;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What the workers of a structured job need beyond the job itself: the format of its input (and so of its output)
 * and its output mapping. Kept as a small file next to the job's records, so any node can run the job.
 */
record StructuredPlan(RecordFormat format, List<FieldMapping> outputMapping) {
  private static final int VERSION = 1;

  StructuredPlan {
    requireNonNull(format, "format");
    outputMapping = List.copyOf(outputMapping);
  }

  void writeTo(OutputStream out) throws IOException {
    DataOutputStream data = new DataOutputStream(out);
    data.writeInt(VERSION);
    data.writeInt(format.ordinal());
    data.writeInt(outputMapping.size());
    for (FieldMapping mapping : outputMapping) {
      writeText(data, mapping.source());
      writeText(data, mapping.destination());
    }
    data.flush();
  }

  static StructuredPlan readFrom(InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(in);
    int version = data.readInt();
    if (version != VERSION) {
      throw new IOException("unknown plan version " + version);
    }
    RecordFormat format = RecordFormat.values()[data.readInt()];
    int count = data.readInt();
    List<FieldMapping> mappings = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      mappings.add(FieldMapping.of(readText(data), readText(data)));
    }
    return new StructuredPlan(format, mappings);
  }

  // why: not writeUTF, which stops at 64 KiB; a client's column name is not bounded that tightly.
  static void writeText(DataOutputStream data, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    data.writeInt(bytes.length);
    data.write(bytes);
  }

  static String readText(DataInputStream data) throws IOException {
    byte[] bytes = new byte[data.readInt()];
    data.readFully(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
