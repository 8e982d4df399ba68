package dev.modelrun.adapters.s3;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Lists and deletes the keys under a prefix of one bucket, for the stores; failures are {@link S3StoreException}s. */
final class S3Keys {
  private static final int CONCURRENCY = 16;
  private static final int DELETE_BATCH = 1000;

  private final S3Client client;
  private final String bucket;
  // why: some S3-compatible servers (s3proxy) refuse DeleteObjects as the SDK now signs it (501); then one by one.
  private volatile boolean batchDeletes = true;

  S3Keys(S3Client client, String bucket) {
    this.client = client;
    this.bucket = bucket;
  }

  /** Every key below {@code prefix}, all pages. */
  List<String> list(String prefix, String what) {
    try {
      List<String> keys = new ArrayList<>();
      for (S3Object object : client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
        keys.add(object.key());
      }
      return keys;
    } catch (SdkException e) {
      throw failure("listing " + what, e);
    }
  }

  /** Deletes these keys; keys that do not exist are no error. */
  void delete(List<String> keys, String what) {
    for (int from = 0; from < keys.size(); from += DELETE_BATCH) {
      List<String> batch = keys.subList(from, Math.min(keys.size(), from + DELETE_BATCH));
      if (!batchDeletes || !deleteBatch(batch, what)) {
        Concurrently.map(batch, CONCURRENCY, key -> {
          try {
            client.deleteObject(b -> b.bucket(bucket).key(key));
          } catch (SdkException e) {
            throw failure("deleting " + what, e);
          }
          return key;
        });
      }
    }
  }

  /** @return false when the server does not implement batch deletes */
  private boolean deleteBatch(List<String> keys, String what) {
    List<ObjectIdentifier> objects = keys.stream().map(key -> ObjectIdentifier.builder().key(key).build()).toList();
    try {
      DeleteObjectsResponse response = client.deleteObjects(b -> b.bucket(bucket)
          .delete(d -> d.objects(objects).quiet(true)));
      if (response.hasErrors() && !response.errors().isEmpty()) {
        throw new S3StoreException("deleting " + what + " in bucket " + bucket + " failed: "
            + response.errors().getFirst().code() + " " + response.errors().getFirst().message(), null);
      }
      return true;
    } catch (S3Exception e) {
      if (e.statusCode() == 501) {
        batchDeletes = false;
        return false;
      }
      throw failure("deleting " + what, e);
    } catch (SdkException e) {
      throw failure("deleting " + what, e);
    }
  }

  S3StoreException failure(String what, SdkException cause) {
    return new S3StoreException(what + " in bucket " + bucket + " failed: " + cause.getMessage(), cause);
  }
}
