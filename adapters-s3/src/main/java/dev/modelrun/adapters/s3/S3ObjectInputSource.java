package dev.modelrun.adapters.s3;

import static java.util.Objects.requireNonNull;

import dev.modelrun.core.model.InputData;
import dev.modelrun.core.model.InputItem;
import dev.modelrun.core.model.InvalidInputException;
import dev.modelrun.core.model.ModelDescriptor;
import dev.modelrun.core.model.ModelInput;
import dev.modelrun.core.model.S3Input;
import dev.modelrun.core.model.S3Location;
import dev.modelrun.core.port.out.InputSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * The {@code aws-s3} input type: one S3 object per model input of each item. At submit every object is checked with
 * a HEAD request (several at once): it must exist, be readable with the request's credentials and fit the model
 * input's maximum size; its bytes are streamed from S3 when the model runs.
 *
 * <p>The request's credentials stay in memory with the job's inputs, never printed. An input store that persists
 * inputs keeps each object's {@linkplain S3InputReferences reference} instead of its bytes, the credentials in it
 * sealed (see {@link S3Connections#inputReferences()}); after a restart of an engine with in-memory inputs the
 * unfinished items fail as having no inputs.
 */
public final class S3ObjectInputSource implements InputSource<S3Input> {
  /** HEAD requests in flight at once for one submit. */
  static final int HEAD_CONCURRENCY = 16;

  private final S3Connections connections;

  public S3ObjectInputSource(S3Connections connections) {
    this.connections = requireNonNull(connections, "connections");
  }

  @Override
  public Class<S3Input> inputType() {
    return S3Input.class;
  }

  /** @throws InvalidInputException naming the item, input, bucket and key of the first object that cannot be read */
  @Override
  public List<InputItem> resolve(S3Input input, ModelDescriptor model) {
    S3Reader reader = S3Reader.of(connections, input.credentials());
    List<Wanted> wanted = new ArrayList<>();
    input.sources().forEach((item, values) -> values.forEach((name, location) -> {
      String where = "input.sources." + item + "." + name;
      ModelInput modelInput = model.input(name).orElseThrow(() -> new InvalidInputException(where
          + " is not an input of model " + model.ref() + " (its inputs are "
          + model.inputs().stream().map(ModelInput::name).toList() + ")"));
      requireBucketName(location, where);
      wanted.add(new Wanted(item, where, modelInput, location));
    }));
    List<InputData> found = Concurrently.map(wanted, HEAD_CONCURRENCY, one -> one.check(reader));
    Map<String, Map<String, InputData>> items = new LinkedHashMap<>();
    for (int i = 0; i < wanted.size(); i++) {
      Wanted one = wanted.get(i);
      items.computeIfAbsent(one.item, item -> new LinkedHashMap<>()).put(one.input.name(), found.get(i));
    }
    List<InputItem> resolved = new ArrayList<>(items.size());
    items.forEach((item, inputs) -> resolved.add(new InputItem(item, inputs)));
    return resolved;
  }

  static void requireBucketName(S3Location location, String where) {
    if (!S3Names.isBucket(location.bucket())) {
      throw new InvalidInputException(where + ": '" + location.bucket() + "' is not a valid S3 bucket name");
    }
  }

  /** The media type an S3 object is given: its own when the model input takes it, else a neutral one. */
  static String mediaType(String contentType, ModelInput input) {
    return contentType != null && !contentType.isBlank() && input.accepts(contentType)
        ? contentType : "application/octet-stream";
  }

  private record Wanted(String item, String where, ModelInput input, S3Location location) {
    InputData check(S3Reader reader) {
      String bucket = location.bucket();
      String key = location.key();
      HeadObjectResponse head;
      try {
        head = reader.head(bucket, key);
      } catch (SdkException e) {
        throw new InvalidInputException(where + ": " + notFoundOrWhy(reader, e, bucket, key), e);
      }
      long size = head.contentLength() == null ? 0 : head.contentLength();
      if (size > input.maximumSize()) {
        throw new InvalidInputException(where + ": " + S3Names.uri(bucket, key) + " is " + size
            + " bytes, over the maximum of " + input.maximumSize() + " bytes of model input '" + input.name() + "'");
      }
      return new InputData(mediaType(head.contentType(), input), size,
          new S3ObjectContent(reader, bucket, key, size, input.maximumSize(), input.name()));
    }

    // why: a HEAD's 404 has no body, so it cannot say whether the bucket or the key is missing; ask the bucket.
    private static String notFoundOrWhy(S3Reader reader, SdkException failure, String bucket, String key) {
      if (!S3Failures.isNotFound(failure)) {
        return S3Failures.describe(failure, bucket, key);
      }
      try {
        reader.headBucket(bucket);
      } catch (SdkException bucketFailure) {
        if (S3Failures.isNotFound(bucketFailure)) {
          return "bucket '" + bucket + "' does not exist";
        }
      }
      return "no object " + S3Names.uri(bucket, key);
    }
  }
}
