package dev.modelrun.adapters.s3;

import static java.util.Objects.requireNonNull;

import com.google.common.hash.Hashing;
import dev.modelrun.core.model.ItemResult;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.port.out.ResultStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Results in an S3 bucket, one object per item at {@code <prefix>jobs/<job>/results/<sha-256 of the item name>} (item
 * names may be longer than a key allows), so every node that shares the bucket reads what any node wrote. Saving an
 * item again overwrites its object. Several objects are written or read at once; the store keeps no state of its
 * own. Failures of S3 are {@link S3StoreException}s.
 */
public final class S3ResultStore implements ResultStore {
  private static final int CONCURRENCY = 16;
  private static final int DELETE_BATCH = 1000;

  private final S3Client client;
  private final S3ResultsLocation location;
  // why: some S3-compatible servers (s3proxy) refuse DeleteObjects as the SDK now signs it (501); then one by one.
  private volatile boolean batchDeletes = true;

  /** A store in {@code location}, through {@code client} (which the caller keeps and closes). */
  public S3ResultStore(S3Client client, S3ResultsLocation location) {
    this.client = requireNonNull(client, "client");
    this.location = requireNonNull(location, "location");
  }

  @Override
  public void save(JobId job, List<ItemResult> results) {
    requireNonNull(job, "job");
    Concurrently.map(results, CONCURRENCY, result -> {
      String key = key(job, result.item());
      try {
        client.putObject(b -> b.bucket(location.bucket()).key(key).contentType("application/octet-stream"),
            RequestBody.fromBytes(ItemResultCodec.encode(result)));
      } catch (SdkException e) {
        throw failure("writing the result of item " + result.item() + " of job " + job, e);
      }
      return key;
    });
  }

  @Override
  public List<ItemResult> results(JobId job) {
    List<String> keys = new ArrayList<>();
    for (S3Object object : list(job)) {
      keys.add(object.key());
    }
    return Concurrently.map(keys, CONCURRENCY, key -> read(key, job).orElseThrow(() -> new S3StoreException(
        "the result " + key + " of job " + job + " vanished while it was read", null)));
  }

  @Override
  public Optional<ItemResult> result(JobId job, String item) {
    requireNonNull(item, "item");
    return read(key(job, item), job).filter(result -> result.item().equals(item));
  }

  @Override
  public void delete(JobId job, Collection<String> items) {
    requireNonNull(job, "job");
    deleteKeys(items.stream().map(item -> key(job, item)).toList(), job);
  }

  @Override
  public void delete(JobId job) {
    List<String> keys = new ArrayList<>();
    for (S3Object object : list(job)) {
      keys.add(object.key());
    }
    deleteKeys(keys, job);
  }

  private Iterable<S3Object> list(JobId job) {
    String prefix = jobPrefix(requireNonNull(job, "job"));
    try {
      List<S3Object> objects = new ArrayList<>();
      client.listObjectsV2Paginator(b -> b.bucket(location.bucket()).prefix(prefix)).contents()
          .forEach(objects::add);
      return objects;
    } catch (SdkException e) {
      throw failure("listing the results of job " + job, e);
    }
  }

  private Optional<ItemResult> read(String key, JobId job) {
    try {
      byte[] bytes = client.getObjectAsBytes(b -> b.bucket(location.bucket()).key(key)).asByteArray();
      return Optional.of(ItemResultCodec.decode(bytes));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (SdkException e) {
      if (S3Failures.isNotFound(e)) {
        return Optional.empty();
      }
      throw failure("reading the result " + key + " of job " + job, e);
    }
  }

  private void deleteKeys(List<String> keys, JobId job) {
    for (int from = 0; from < keys.size(); from += DELETE_BATCH) {
      List<String> batch = keys.subList(from, Math.min(keys.size(), from + DELETE_BATCH));
      if (!batchDeletes || !deleteBatch(batch, job)) {
        Concurrently.map(batch, CONCURRENCY, key -> {
          try {
            client.deleteObject(b -> b.bucket(location.bucket()).key(key));
          } catch (SdkException e) {
            throw failure("deleting the result " + key + " of job " + job, e);
          }
          return key;
        });
      }
    }
  }

  /** @return false when the server does not implement batch deletes */
  private boolean deleteBatch(List<String> keys, JobId job) {
    List<ObjectIdentifier> objects = keys.stream().map(key -> ObjectIdentifier.builder().key(key).build()).toList();
    try {
      DeleteObjectsResponse response = client.deleteObjects(b -> b.bucket(location.bucket())
          .delete(d -> d.objects(objects).quiet(true)));
      if (response.hasErrors() && !response.errors().isEmpty()) {
        throw new S3StoreException("deleting results of job " + job + " in " + location + " failed: "
            + response.errors().getFirst().code() + " " + response.errors().getFirst().message(), null);
      }
      return true;
    } catch (S3Exception e) {
      if (e.statusCode() == 501) {
        batchDeletes = false;
        return false;
      }
      throw failure("deleting results of job " + job, e);
    } catch (SdkException e) {
      throw failure("deleting results of job " + job, e);
    }
  }

  private String jobPrefix(JobId job) {
    return location.prefix() + "jobs/" + job.value() + "/results/";
  }

  private String key(JobId job, String item) {
    return jobPrefix(requireNonNull(job, "job"))
        + Hashing.sha256().hashString(requireNonNull(item, "item"), StandardCharsets.UTF_8);
  }

  private S3StoreException failure(String what, SdkException cause) {
    return new S3StoreException(what + " in " + location + " failed: " + cause.getMessage(), cause);
  }

  @Override
  public String toString() {
    return "S3ResultStore[" + location + "]";
  }
}
