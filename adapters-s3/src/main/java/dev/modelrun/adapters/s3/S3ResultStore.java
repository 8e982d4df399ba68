package dev.modelrun.adapters.s3;

import static java.util.Objects.requireNonNull;

import com.google.common.hash.Hashing;
import dev.modelrun.core.model.ItemResult;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.port.out.ResultStore;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Results in an S3 bucket, one object per item at {@code <prefix>jobs/<job>/results/<sha-256 of the item name>} (item
 * names may be longer than a key allows), so every node that shares the bucket reads what any node wrote. Saving an
 * item again overwrites its object. Several objects are written or read at once; the store keeps no state of its
 * own. Failures of S3 are {@link S3StoreException}s.
 */
public final class S3ResultStore implements ResultStore {
  private static final int CONCURRENCY = 16;

  private final S3Client client;
  private final S3ResultsLocation location;
  private final S3Keys keys;

  /** A store in {@code location}, through {@code client} (which the caller keeps and closes). */
  public S3ResultStore(S3Client client, S3ResultsLocation location) {
    this.client = requireNonNull(client, "client");
    this.location = requireNonNull(location, "location");
    this.keys = new S3Keys(client, location.bucket());
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
    return Concurrently.map(list(job), CONCURRENCY, key -> read(key, job).orElseThrow(() -> new S3StoreException(
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
    keys.delete(items.stream().map(item -> key(job, item)).toList(), "results of job " + job);
  }

  @Override
  public void delete(JobId job) {
    keys.delete(list(job), "results of job " + job);
  }

  private List<String> list(JobId job) {
    return keys.list(jobPrefix(requireNonNull(job, "job")), "the results of job " + job);
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
