package dev.modelrun.adapters.s3;

import com.google.common.base.Optional;
import com.google.common.io.ByteSource;
import dev.modelrun.core.model.InputReference;
import dev.modelrun.core.model.ReferencedContent;
import dev.modelrun.core.port.out.InputReferences;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * The bytes of one S3 object, read when the model runs: streamed from S3, and refused past the model input's
 * maximum size (the object may have grown since the job was submitted). A failure to read is an {@link IOException}
 * whose message says which object and why, which becomes the item's failure. A durable input store keeps its
 * {@linkplain #reference() reference} (see {@link S3InputReferences}), never its bytes.
 */
final class S3ObjectContent extends ReferencedContent {
  private final S3Reader reader;
  private final String bucket;
  private final String key;
  private final long size;
  private final long maximumSize;
  private final String input;

  S3ObjectContent(S3Reader reader, String bucket, String key, long size, long maximumSize, String input) {
    this.reader = reader;
    this.bucket = bucket;
    this.key = key;
    this.size = size;
    this.maximumSize = maximumSize;
    this.input = input;
  }

  @Override
  public InputStream openStream() throws IOException {
    return new Limited(request());
  }

  /**
   * This content read now, into memory, when the object holds at most {@code limit} bytes; this content itself (read
   * when opened) when it holds more or says not how much; {@linkplain InputReferences#unreadable unreadable} with the
   * reason when it cannot be read.
   */
  ByteSource readNow(long limit) {
    try {
      ResponseInputStream<GetObjectResponse> in = request();
      Long length = in.response().contentLength();
      if (length == null || length > limit) {
        // why: it grew since it was listed; a large object is streamed to the model, never held in memory.
        in.abort();
        return this;
      }
      try (InputStream limited = new Limited(in)) {
        return ByteSource.wrap(limited.readAllBytes());
      }
    } catch (IOException e) {
      return InputReferences.unreadable(e.getMessage() != null ? e.getMessage()
          : "reading " + S3Names.uri(bucket, key) + " failed: " + e.getClass().getSimpleName());
    } catch (RuntimeException e) {
      // why: an unforeseen failure is left to the model's own read, which fails the item rather than its batch.
      return this;
    }
  }

  /** The reader of the request's credentials that reads this object. */
  S3Reader reader() {
    return reader;
  }

  /** The object's size as listed at submit. */
  long listedSize() {
    return size;
  }

  private ResponseInputStream<GetObjectResponse> request() throws IOException {
    ResponseInputStream<GetObjectResponse> in;
    try {
      in = reader.get(bucket, key);
    } catch (SdkException e) {
      throw new IOException("reading " + S3Names.uri(bucket, key) + " failed: "
          + S3Failures.describe(e, bucket, key), e);
    }
    Long length = in.response().contentLength();
    if (length != null && length > maximumSize) {
      in.abort();
      throw tooLarge();
    }
    return in;
  }

  @Override
  public InputReference reference() {
    return S3InputReferences.reference(reader, bucket, key, size, maximumSize, input);
  }

  @Override
  public Optional<Long> sizeIfKnown() {
    return Optional.of(size);
  }

  private IOException tooLarge() {
    return new IOException(S3Names.uri(bucket, key) + " is over the maximum of " + maximumSize
        + " bytes of model input '" + input + "'");
  }

  @Override
  public String toString() {
    return "S3ObjectContent[" + S3Names.uri(bucket, key) + "]";
  }

  /** Passes at most {@code maximumSize} bytes on and fails if the object holds more. */
  private final class Limited extends FilterInputStream {
    private final ResponseInputStream<GetObjectResponse> response;
    private long left = maximumSize;

    Limited(ResponseInputStream<GetObjectResponse> response) {
      super(response);
      this.response = response;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (length == 0) {
        return 0;
      }
      if (left == 0) {
        if (in.read() < 0) {
          return -1;
        }
        // why: abort rather than close, which would read the rest of a possibly huge object to reuse the connection.
        response.abort();
        throw tooLarge();
      }
      int n = read0(buffer, offset, (int) Math.min(length, left));
      if (n > 0) {
        left -= n;
      }
      return n;
    }

    private int read0(byte[] buffer, int offset, int length) throws IOException {
      try {
        return in.read(buffer, offset, length);
      } catch (SdkException e) {
        throw new IOException("reading " + S3Names.uri(bucket, key) + " failed: "
            + S3Failures.describe(e, bucket, key), e);
      }
    }

    @Override
    public long skip(long n) throws IOException {
      byte[] sink = new byte[(int) Math.min(8192, Math.max(n, 0))];
      long skipped = 0;
      while (skipped < n) {
        int read = read(sink, 0, (int) Math.min(sink.length, n - skipped));
        if (read < 0) {
          break;
        }
        skipped += read;
      }
      return skipped;
    }

    @Override
    public boolean markSupported() {
      return false;
    }
  }
}
