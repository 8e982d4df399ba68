package dev.modelrun.adapters.s3;

import static java.util.Objects.requireNonNull;

import com.google.common.base.Supplier;
import com.google.common.base.Suppliers;
import dev.modelrun.core.model.InvalidInputException;
import dev.modelrun.core.model.S3Credentials;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Reads S3 with the credentials and region of one request: every call carries the credentials, over the region's
 * shared client. Holds the secret in memory only, for as long as the job's inputs are kept; never prints it. Stored
 * references to the request's objects carry the credentials {@linkplain #sealedCredentials() sealed}.
 */
final class S3Reader {
  private final S3Connections connections;
  private final String region;
  private final AwsRequestOverrideConfiguration credentials;
  private final Supplier<byte[]> sealed;

  private S3Reader(S3Connections connections, S3Credentials credentials, Supplier<byte[]> sealed) {
    this.connections = connections;
    this.region = credentials.region();
    this.credentials = AwsRequestOverrideConfiguration.builder()
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
            credentials.accessKeyId(), credentials.secretAccessKey().value())))
        .build();
    this.sealed = sealed;
  }

  /** @throws InvalidInputException when the region is not a region name */
  static S3Reader of(S3Connections connections, S3Credentials credentials) {
    requireNonNull(connections, "connections");
    requireNonNull(credentials, "credentials");
    if (!S3Names.isRegion(credentials.region())) {
      throw new InvalidInputException("input.region '" + credentials.region() + "' is not an AWS region name "
          + "(such as us-east-1)");
    }
    // why: sealed once per reader (one submit), not per item: one random nonce per request's credentials.
    return new S3Reader(connections, credentials, Suppliers.memoize(() -> connections.seal().seal(credentials)));
  }

  /**
   * A reader of credentials sealed by a reader of any node sharing this one's secret.
   *
   * @throws IllegalArgumentException saying why they do not open (another secret, altered)
   */
  static S3Reader unseal(S3Connections connections, byte[] sealedCredentials) {
    S3Credentials credentials = connections.seal().open(sealedCredentials);
    if (!S3Names.isRegion(credentials.region())) {
      throw new IllegalArgumentException("the sealed S3 credentials name no valid region");
    }
    byte[] copy = sealedCredentials.clone();
    return new S3Reader(connections, credentials, () -> copy);
  }

  /** The request's credentials, sealed for storage with the job's items (see {@link CredentialSeal}). */
  byte[] sealedCredentials() {
    return sealed.get();
  }

  HeadObjectResponse head(String bucket, String key) {
    return client().headObject(b -> b.bucket(bucket).key(key).overrideConfiguration(credentials));
  }

  void headBucket(String bucket) {
    client().headBucket(b -> b.bucket(bucket).overrideConfiguration(credentials));
  }

  /** Every object below {@code prefix}, page by page as the iteration goes. */
  Iterable<S3Object> list(String bucket, String prefix) {
    return client().listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix).overrideConfiguration(credentials))
        .contents();
  }

  ResponseInputStream<GetObjectResponse> get(String bucket, String key) {
    return client().getObject(b -> b.bucket(bucket).key(key).overrideConfiguration(credentials));
  }

  private S3Client client() {
    return connections.regionClient(region);
  }

  @Override
  public String toString() {
    return "S3Reader[" + region + "]";
  }
}
