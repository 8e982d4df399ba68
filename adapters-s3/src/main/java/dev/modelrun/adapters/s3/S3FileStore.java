package dev.modelrun.adapters.s3;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.base.Optional;
import com.google.common.io.ByteSource;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.port.out.FileStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The files of structured jobs in an S3 bucket, at {@code <prefix>jobs/<job>/files/<name>}, shared by every node.
 * A file is written in memory up to one part ({@value #DEFAULT_PART_SIZE} bytes), then as a multipart upload part
 * by part, so files of any size take one part of memory; S3 shows it whole or not at all once the stream is closed
 * (PutObject or CompleteMultipartUpload), replacing any earlier file of that name. Files are also handed out as
 * presigned GET links ({@link #directLink}), so clients download them from S3 itself. Failures of S3 are {@link
 * IOException}s when writing, {@link S3StoreException}s otherwise.
 */
public final class S3FileStore implements FileStore {
  /** The size of each part of a multipart upload unless told otherwise (S3 needs at least 5 MiB). */
  public static final int DEFAULT_PART_SIZE = 8 * 1024 * 1024;
  /** How long a presigned link stays valid unless told otherwise. */
  public static final Duration DEFAULT_LINK_VALIDITY = Duration.ofMinutes(15);
  private static final int MIN_PART_SIZE = 5 * 1024 * 1024;
  private static final Duration MAX_LINK_VALIDITY = Duration.ofDays(7);

  private final S3Client client;
  private final S3Presigner presigner;
  private final S3ResultsLocation location;
  private final S3Keys keys;
  private final int partSize;

  /** A store in {@code location} through {@code client} and {@code presigner} (which the caller keeps and closes). */
  public S3FileStore(S3Client client, S3Presigner presigner, S3ResultsLocation location) {
    this(client, presigner, location, DEFAULT_PART_SIZE);
  }

  /** A store that uploads files larger than {@code partSize} bytes in parts of that size. */
  public S3FileStore(S3Client client, S3Presigner presigner, S3ResultsLocation location, int partSize) {
    checkArgument(partSize >= MIN_PART_SIZE, "partSize must be at least %s bytes but was %s", MIN_PART_SIZE,
        partSize);
    this.client = requireNonNull(client, "client");
    this.presigner = requireNonNull(presigner, "presigner");
    this.location = requireNonNull(location, "location");
    this.keys = new S3Keys(client, location.bucket());
    this.partSize = partSize;
  }

  @Override
  public OutputStream create(JobId job, String name) {
    return new Upload(key(job, name));
  }

  @Override
  public java.util.Optional<ByteSource> open(JobId job, String name) {
    String key = key(job, name);
    HeadObjectResponse head;
    try {
      head = client.headObject(b -> b.bucket(location.bucket()).key(key));
    } catch (SdkException e) {
      if (S3Failures.isNotFound(e)) {
        return java.util.Optional.empty();
      }
      throw keys.failure("reading file " + name + " of job " + job, e);
    }
    long size = head.contentLength() == null ? 0 : head.contentLength();
    return java.util.Optional.of(new StoredFile(key, size));
  }

  @Override
  public void delete(JobId job, String name) {
    keys.delete(List.of(key(job, name)), "file " + name + " of job " + job);
  }

  @Override
  public void deleteAll(JobId job) {
    keys.delete(keys.list(jobPrefix(job), "the files of job " + job), "the files of job " + job);
  }

  /**
   * A presigned GET link to a kept file, valid for {@code validity} (at most 7 days, as S3 allows): whoever holds it
   * downloads the file straight from S3, without credentials.
   */
  public URI presignedLink(JobId job, String name, Duration validity) {
    checkValidity(validity);
    return presign(key(job, name), validity, get -> {});
  }

  /**
   * A presigned GET link whose answer names the file {@code fileName} ({@code Content-Disposition: attachment}) of
   * {@code mediaType}; valid for {@code validity}, or 7 days if that is longer (the most S3 allows).
   */
  @Override
  public java.util.Optional<URI> directLink(JobId job, String name, String fileName, String mediaType,
      Duration validity) {
    requireNonNull(fileName, "fileName");
    requireNonNull(mediaType, "mediaType");
    Duration capped = validity.compareTo(MAX_LINK_VALIDITY) > 0 ? MAX_LINK_VALIDITY : validity;
    checkValidity(capped);
    return java.util.Optional.of(presign(key(job, name), capped, get -> get
        .responseContentType(mediaType)
        .responseContentDisposition(disposition(fileName))));
  }

  private static void checkValidity(Duration validity) {
    checkArgument(validity.isPositive() && validity.compareTo(MAX_LINK_VALIDITY) <= 0,
        "a presigned link is valid for 1 second to 7 days but was %s", validity);
  }

  private URI presign(String key, Duration validity, Consumer<GetObjectRequest.Builder> overrides) {
    try {
      return presigner.presignGetObject(r -> r.signatureDuration(validity)
          .getObjectRequest(g -> overrides.accept(g.bucket(location.bucket()).key(key)))).url().toURI();
    } catch (URISyntaxException e) {
      throw new IllegalStateException("the presigner made a link that is not a URI", e);
    }
  }

  // why: the plain filename for old clients (only safe characters), filename* (RFC 6266) for the exact name; the
  // same header as the server's own download route gives.
  static String disposition(String fileName) {
    String plain = fileName.replaceAll("[^A-Za-z0-9._ -]", "_");
    String exact = URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
    return "attachment; filename=\"" + plain + "\"; filename*=UTF-8''" + exact;
  }

  private String jobPrefix(JobId job) {
    return location.prefix() + "jobs/" + requireNonNull(job, "job").value() + "/files/";
  }

  private String key(JobId job, String name) {
    requireNonNull(name, "name");
    checkArgument(!name.isEmpty() && name.length() <= 512, "a file name must be 1 to 512 characters");
    return jobPrefix(job) + name;
  }

  @Override
  public String toString() {
    return "S3FileStore[" + location + "]";
  }

  /** A kept file, read from S3 when opened. */
  private final class StoredFile extends ByteSource {
    private final String key;
    private final long size;

    StoredFile(String key, long size) {
      this.key = key;
      this.size = size;
    }

    @Override
    public InputStream openStream() throws IOException {
      try {
        return client.getObject(b -> b.bucket(location.bucket()).key(key));
      } catch (SdkException e) {
        throw new IOException("reading " + S3Names.uri(location.bucket(), key) + " failed: "
            + S3Failures.describe(e, location.bucket(), key), e);
      }
    }

    @Override
    public Optional<Long> sizeIfKnown() {
      return Optional.of(size);
    }
  }

  /** Writes one file: a single PUT when it fits one part, else a multipart upload, completed on close. */
  private final class Upload extends OutputStream {
    private final String key;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final List<CompletedPart> parts = new ArrayList<>();
    private String uploadId;
    private boolean closed;

    Upload(String key) {
      this.key = key;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      if (closed) {
        throw new IOException("the file " + key + " is closed");
      }
      while (length > 0) {
        int room = partSize - buffer.size();
        int n = Math.min(room, length);
        buffer.write(bytes, offset, n);
        offset += n;
        length -= n;
        if (buffer.size() == partSize) {
          uploadPart();
        }
      }
    }

    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      try {
        if (uploadId == null) {
          client.putObject(b -> b.bucket(location.bucket()).key(key), RequestBody.fromBytes(buffer.toByteArray()));
        } else {
          if (buffer.size() > 0) {
            uploadPart();
          }
          client.completeMultipartUpload(b -> b.bucket(location.bucket()).key(key).uploadId(uploadId)
              .multipartUpload(m -> m.parts(parts)));
        }
      } catch (SdkException | IOException e) {
        abort();
        throw e instanceof IOException io ? io : new IOException("writing " + S3Names.uri(location.bucket(), key)
            + " failed: " + e.getMessage(), e);
      } finally {
        buffer.reset();
      }
    }

    private void uploadPart() throws IOException {
      try {
        if (uploadId == null) {
          uploadId = client.createMultipartUpload(b -> b.bucket(location.bucket()).key(key)).uploadId();
        }
        int number = parts.size() + 1;
        String etag = client.uploadPart(b -> b.bucket(location.bucket()).key(key).uploadId(uploadId)
            .partNumber(number), RequestBody.fromBytes(buffer.toByteArray())).eTag();
        parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
        buffer.reset();
      } catch (SdkException e) {
        closed = true;
        abort();
        throw new IOException("uploading part " + (parts.size() + 1) + " of " + S3Names.uri(location.bucket(), key)
            + " failed: " + e.getMessage(), e);
      }
    }

    // why: an upload never completed keeps its parts (and their cost) until aborted.
    private void abort() {
      if (uploadId == null) {
        return;
      }
      try {
        client.abortMultipartUpload(b -> b.bucket(location.bucket()).key(key).uploadId(uploadId));
      } catch (SdkException ignored) {
        // why: the upload already failed; that failure is the one to report.
      }
    }
  }
}
