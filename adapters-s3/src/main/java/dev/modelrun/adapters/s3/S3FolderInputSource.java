package dev.modelrun.adapters.s3;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.modelrun.core.model.InputData;
import dev.modelrun.core.model.InputItem;
import dev.modelrun.core.model.InvalidInputException;
import dev.modelrun.core.model.ModelDescriptor;
import dev.modelrun.core.model.ModelInput;
import dev.modelrun.core.model.S3FolderInput;
import dev.modelrun.core.model.S3Location;
import dev.modelrun.core.port.out.InputSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The {@code aws-s3-folder} input type: every object below a folder (a key prefix) is one item, named {@code
 * <reference>/<key relative to the folder>}. At submit the folders are listed page by page (1,000 keys a page, so
 * folders of 100,000 objects work), and each object's listed size is checked against the model input's maximum;
 * the bytes are streamed from S3 when the model runs. A model with several inputs takes one folder per input, and
 * each item must be in all of them. Keys ending in {@code /} (folder markers) are skipped.
 *
 * <p>The request's credentials stay in memory with the job's inputs, or sealed in their references, as for {@link
 * S3ObjectInputSource}.
 */
public final class S3FolderInputSource implements InputSource<S3FolderInput> {
  /** The most objects one submit may list, unless told otherwise (the engine's default item limit). */
  public static final int DEFAULT_MAX_OBJECTS = 100_000;

  private final S3Connections connections;
  private final int maxObjects;

  public S3FolderInputSource(S3Connections connections) {
    this(connections, DEFAULT_MAX_OBJECTS);
  }

  /** A source that refuses a submit whose folders hold more than {@code maxObjects} objects in all. */
  public S3FolderInputSource(S3Connections connections, int maxObjects) {
    checkArgument(maxObjects > 0, "maxObjects must be > 0 but was %s", maxObjects);
    this.connections = requireNonNull(connections, "connections");
    this.maxObjects = maxObjects;
  }

  @Override
  public Class<S3FolderInput> inputType() {
    return S3FolderInput.class;
  }

  /** @throws InvalidInputException naming the reference, input, bucket and folder that cannot be listed or used */
  @Override
  public List<InputItem> resolve(S3FolderInput input, ModelDescriptor model) {
    S3Reader reader = S3Reader.of(connections, input.credentials());
    Map<String, Map<String, InputData>> items = new LinkedHashMap<>();
    int[] listed = {0};
    input.sources().forEach((reference, folders) -> {
      Map<String, Integer> perInput = new LinkedHashMap<>();
      folders.forEach((name, folder) -> {
        String where = "input.sources." + reference + "." + name;
        ModelInput modelInput = model.input(name).orElseThrow(() -> new InvalidInputException(where
            + " is not an input of model " + model.ref() + " (its inputs are "
            + model.inputs().stream().map(ModelInput::name).toList() + ")"));
        S3ObjectInputSource.requireBucketName(folder, where);
        int count = list(reader, reference, where, modelInput, folder, items, listed);
        perInput.put(name, count);
      });
      requireSameItems(reference, perInput, items);
    });
    List<InputItem> resolved = new ArrayList<>(items.size());
    items.forEach((item, inputs) -> resolved.add(new InputItem(item, inputs)));
    return resolved;
  }

  private int list(S3Reader reader, String reference, String where, ModelInput input, S3Location folder,
      Map<String, Map<String, InputData>> items, int[] listed) {
    String bucket = folder.bucket();
    String prefix = folder.key().endsWith("/") ? folder.key() : folder.key() + "/";
    int count = 0;
    try {
      for (S3Object object : reader.list(bucket, prefix)) {
        String key = object.key();
        if (key.endsWith("/")) {
          continue;
        }
        if (++listed[0] > maxObjects) {
          throw new InvalidInputException("input: the folders of this job hold more than " + maxObjects
              + " objects, the most one job may read");
        }
        String item = reference + "/" + key.substring(prefix.length());
        if (item.length() > InputItem.MAX_NAME_LENGTH) {
          throw new InvalidInputException(where + ": item name '" + item.substring(0, 64) + "...' of "
              + S3Names.uri(bucket, key) + " is longer than " + InputItem.MAX_NAME_LENGTH + " characters");
        }
        long size = object.size() == null ? 0 : object.size();
        if (size > input.maximumSize()) {
          throw new InvalidInputException(where + ": " + S3Names.uri(bucket, key) + " is " + size
              + " bytes, over the maximum of " + input.maximumSize() + " bytes of model input '" + input.name()
              + "'");
        }
        items.computeIfAbsent(item, name -> new LinkedHashMap<>()).put(input.name(), new InputData(
            "application/octet-stream", size,
            new S3ObjectContent(reader, bucket, key, size, input.maximumSize(), input.name())));
        count++;
      }
    } catch (SdkException e) {
      throw new InvalidInputException(where + ": listing " + S3Names.uri(bucket, prefix) + " failed: "
          + S3Failures.describe(e, bucket, prefix), e);
    }
    if (count == 0) {
      throw new InvalidInputException(where + ": folder " + S3Names.uri(bucket, prefix) + " holds no objects");
    }
    return count;
  }

  private static void requireSameItems(String reference, Map<String, Integer> perInput,
      Map<String, Map<String, InputData>> items) {
    if (perInput.size() < 2) {
      return;
    }
    for (Map.Entry<String, Map<String, InputData>> item : items.entrySet()) {
      if (!item.getKey().startsWith(reference + "/")) {
        continue;
      }
      for (String name : perInput.keySet()) {
        if (!item.getValue().containsKey(name)) {
          throw new InvalidInputException("input.sources." + reference + "." + name + ": the folder has no object "
              + "for item '" + item.getKey() + "', which the folders of the other inputs have");
        }
      }
    }
  }
}
