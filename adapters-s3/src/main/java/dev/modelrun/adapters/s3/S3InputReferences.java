package dev.modelrun.adapters.s3;

import static java.util.Objects.requireNonNull;

import com.google.common.io.ByteSource;
import dev.modelrun.core.model.InputReference;
import dev.modelrun.core.port.out.InputReferences;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * References to S3 objects of requests ({@value #KIND}), as a durable input store keeps them instead of the objects'
 * bytes: the object, its size as listed at submit, the model input's maximum, and the request's credentials sealed
 * with the key of the {@link S3Connections} (see {@link CredentialSeal}). Any node whose connections share that key
 * opens them; the bytes are streamed from S3 when the model runs, as for an unstored item, or, for the small objects
 * of items that run together, read together just before (see {@link #openAll}). Format 1: a magic int, the
 * sealed credentials, bucket, key, size, maximum size, model input name.
 */
final class S3InputReferences implements InputReferences {
  static final String KIND = "aws-s3";
  private static final int MAGIC = 0x4d525331; // "MRS1"

  static final int READ_TOGETHER = 16;
  static final long MAX_READ_AHEAD = 256L << 10;
  static final long READ_AHEAD_BUDGET = 8L << 20;

  private final S3Connections connections;
  // why: served call by call, the first call's reads first. Served in no order, every claim's reads would advance
  // together and its results would all be saved and completed at the job's end, with nothing left to read beside them.
  private final OrderedPermits reads;

  S3InputReferences(S3Connections connections) {
    this.connections = requireNonNull(connections, "connections");
    this.reads = new OrderedPermits(connections.settings().maxConnections());
  }

  @Override
  public String kind() {
    return KIND;
  }

  /** The reference of one object of a request, read through {@code reader}. */
  static InputReference reference(S3Reader reader, String bucket, String key, long size, long maximumSize,
      String input) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      BinaryFields.writeBytes(out, reader.sealedCredentials());
      BinaryFields.writeString(out, bucket);
      BinaryFields.writeString(out, key);
      out.writeLong(size);
      out.writeLong(maximumSize);
      BinaryFields.writeString(out, input);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new InputReference(KIND, bytes.toByteArray());
  }

  /**
   * Opens each reference, and reads the small objects among them now, {@value #READ_TOGETHER} at once, at most
   * {@link S3Settings#maxConnections()} at once across the calls of this instance (so they never wait past the
   * connection pool's own timeout), those of the call that came first before those of later calls: an object of at
   * most {@value #MAX_READ_AHEAD} bytes as listed, within {@value #READ_AHEAD_BUDGET} bytes per call. Larger objects,
   * and those past the budget, are streamed when opened.
   */
  @Override
  public List<ByteSource> openAll(List<InputReference> references) {
    List<ByteSource> contents = new ArrayList<>(references.size());
    List<Integer> small = new ArrayList<>();
    long budget = READ_AHEAD_BUDGET;
    // why: the items of a claim were mostly submitted together, with the same sealed credentials: opened once for the
    // call, not once per item (each opening is a decryption). Held for this call only, as a reader of one item is.
    Map<ByteBuffer, S3Reader> readers = new HashMap<>();
    for (InputReference reference : references) {
      ByteSource content = open(reference, readers);
      if (content instanceof S3ObjectContent object && object.listedSize() <= Math.min(MAX_READ_AHEAD, budget)) {
        small.add(contents.size());
        budget -= object.listedSize();
      }
      contents.add(content);
    }
    List<ByteSource> read;
    long ticket = reads.ticket();
    try {
      read = Concurrently.map(small, READ_TOGETHER, index -> readNow((S3ObjectContent) contents.get(index), ticket));
    } catch (RuntimeException e) {
      if (Thread.currentThread().isInterrupted()) {
        // why: the worker was stopped; what was not read yet is read if anyone opens it.
        return contents;
      }
      throw e;
    }
    for (int i = 0; i < small.size(); i++) {
      contents.set(small.get(i), read.get(i));
    }
    return contents;
  }

  /** How many reads of {@link #openAll} wait for their turn now (for tests). */
  int waitingReads() {
    return reads.waiting();
  }

  private ByteSource readNow(S3ObjectContent object, long ticket) {
    try {
      reads.acquire(ticket);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return object;
    }
    try {
      return object.readNow(MAX_READ_AHEAD);
    } finally {
      reads.release();
    }
  }

  @Override
  public ByteSource open(InputReference reference) {
    return open(reference, new HashMap<>());
  }

  /** Opens the reference with the reader of its sealed credentials in {@code readers}, unsealed and added if absent. */
  private ByteSource open(InputReference reference, Map<ByteBuffer, S3Reader> readers) {
    requireNonNull(reference, "reference");
    if (!KIND.equals(reference.kind())) {
      return InputReferences.unreadable("an input reference of kind '" + reference.kind() + "' is not an S3 object");
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(reference.sealed()))) {
      if (in.readInt() != MAGIC) {
        return InputReferences.unreadable("the stored reference to an S3 object is not in a known format");
      }
      byte[] sealed = BinaryFields.readBytes(in);
      String bucket = BinaryFields.readString(in);
      String key = BinaryFields.readString(in);
      long size = in.readLong();
      long maximumSize = in.readLong();
      String input = BinaryFields.readString(in);
      S3Reader reader = readers.get(ByteBuffer.wrap(sealed));
      if (reader == null) {
        try {
          reader = S3Reader.unseal(connections, sealed);
        } catch (IllegalArgumentException e) {
          return InputReferences.unreadable("cannot read " + S3Names.uri(bucket, key) + ": " + e.getMessage());
        }
        readers.put(ByteBuffer.wrap(sealed), reader);
      }
      return new S3ObjectContent(reader, bucket, key, size, maximumSize, input);
    } catch (IOException e) {
      return InputReferences.unreadable("the stored reference to an S3 object is cut short");
    }
  }
}
