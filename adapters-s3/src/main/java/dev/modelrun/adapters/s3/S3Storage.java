package dev.modelrun.adapters.s3;

import static java.util.Objects.requireNonNull;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The server's own S3 storage ({@code MODELRUN_RESULTS=s3://bucket/prefix}): the result store and the file store
 * over one client and presigner with the server's credentials. Close it after the engine.
 */
public final class S3Storage implements AutoCloseable {
  private final S3Client client;
  private final S3Presigner presigner;
  private final S3ResultStore results;
  private final S3FileStore files;

  private S3Storage(S3Connections connections, S3ResultsLocation location, AwsCredentialsProvider credentials) {
    this.client = connections.serverClient(credentials);
    this.presigner = connections.serverPresigner(credentials);
    this.results = new S3ResultStore(client, location);
    this.files = new S3FileStore(client, presigner, location);
  }

  /**
   * Storage in {@code location} with the credentials the AWS SDK finds for the server (environment variables
   * {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY}, a profile, a container or instance role).
   */
  public static S3Storage open(S3Connections connections, S3ResultsLocation location) {
    return open(connections, location, DefaultCredentialsProvider.builder().build());
  }

  /** Storage in {@code location} with the given server credentials. */
  public static S3Storage open(S3Connections connections, S3ResultsLocation location,
      AwsCredentialsProvider credentials) {
    return new S3Storage(requireNonNull(connections, "connections"), requireNonNull(location, "location"),
        requireNonNull(credentials, "credentials"));
  }

  public S3ResultStore results() {
    return results;
  }

  public S3FileStore files() {
    return files;
  }

  @Override
  public void close() {
    presigner.close();
    client.close();
  }
}
