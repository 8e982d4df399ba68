package dev.modelrun.adapters.s3;

import static java.util.Objects.requireNonNull;

import com.google.common.cache.CacheBuilder;
import com.google.common.cache.CacheLoader;
import com.google.common.cache.LoadingCache;
import com.google.common.cache.RemovalListener;
import dev.modelrun.core.port.out.InputReferences;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The S3 clients of a process: one pool of HTTP connections shared by all, and one client per region for the reads
 * of requests. A request's credentials never live in a client: each call carries them (see {@link S3Reader}), so
 * nothing outlives the job that sent them and no cache holds a secret. When a durable input store keeps a job's S3
 * items as {@linkplain #inputReferences() references}, their credentials are sealed with a key derived from the
 * server's secret, which every node sharing the store must be given. Close it when the server stops.
 */
public final class S3Connections implements AutoCloseable {
  // why: there are about 40 regions; the bound only stops a flood of made-up region names from piling up clients.
  private static final int MAX_REGION_CLIENTS = 64;

  private final S3Settings settings;
  private final CredentialSeal seal;
  private final SdkHttpClient http;
  private final LoadingCache<String, S3Client> byRegion;

  private S3Connections(S3Settings settings, CredentialSeal seal) {
    this.settings = settings;
    this.seal = seal;
    this.http = ApacheHttpClient.builder()
        .maxConnections(settings.maxConnections())
        .connectionTimeout(Duration.ofSeconds(10))
        .socketTimeout(Duration.ofSeconds(60))
        // why: objects written here are small results; waiting for "100 Continue" doubled the time of each PUT.
        .expectContinueEnabled(false)
        .build();
    this.byRegion = CacheBuilder.newBuilder()
        .maximumSize(MAX_REGION_CLIENTS)
        .removalListener((RemovalListener<String, S3Client>) removal -> removal.getValue().close())
        .build(CacheLoader.from(region -> client(region, S3Connections::refuse)));
  }

  /**
   * Connections whose references open in this process only (a random key): after a restart, stored S3 items of
   * unfinished jobs fail, saying their credentials no longer open.
   */
  public static S3Connections create(S3Settings settings) {
    return new S3Connections(requireNonNull(settings, "settings"), CredentialSeal.random());
  }

  /**
   * Connections whose references open on every node given the same {@code secret} (at least 32 bytes), across
   * restarts.
   */
  public static S3Connections create(S3Settings settings, byte[] secret) {
    return new S3Connections(requireNonNull(settings, "settings"),
        CredentialSeal.derivedFrom(requireNonNull(secret, "secret")));
  }

  public S3Settings settings() {
    return settings;
  }

  /**
   * A client of the configured endpoint in the configured region, with the server's own credentials (for the result
   * store); the caller closes it (the shared connections stay open until this object is closed).
   */
  public S3Client serverClient(AwsCredentialsProvider credentials) {
    return client(settings.region(), requireNonNull(credentials, "credentials"));
  }

  /** A presigner of the configured endpoint and region with the server's own credentials; the caller closes it. */
  public S3Presigner serverPresigner(AwsCredentialsProvider credentials) {
    S3Presigner.Builder builder = S3Presigner.builder()
        .region(Region.of(settings.region()))
        .credentialsProvider(requireNonNull(credentials, "credentials"));
    settings.endpoint().ifPresent(endpoint -> builder.endpointOverride(endpoint)
        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()));
    return builder.build();
  }

  /**
   * Opens the references ({@code aws-s3}) that the S3 input sources' items give a durable input store: give it to
   * that store so S3 items are kept as references (credentials sealed) and read from S3 when the model runs.
   */
  public InputReferences inputReferences() {
    return new S3InputReferences(this);
  }

  CredentialSeal seal() {
    return seal;
  }

  /** The shared client of a region, whose calls must each carry their credentials. */
  S3Client regionClient(String region) {
    return byRegion.getUnchecked(region);
  }

  private S3Client client(String region, AwsCredentialsProvider credentials) {
    S3ClientBuilder builder = S3Client.builder()
        .httpClient(http)
        .region(Region.of(region))
        .credentialsProvider(credentials);
    settings.endpoint().ifPresent(endpoint -> builder.endpointOverride(endpoint)
        .forcePathStyle(true)
        // why: S3-compatible servers (MinIO, s3proxy, Ceph) do not all know the newer flexible checksums.
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED));
    return builder.build();
  }

  private static software.amazon.awssdk.auth.credentials.AwsCredentials refuse() {
    throw new IllegalStateException("an S3 call of a request must carry the request's credentials");
  }

  @Override
  public void close() {
    byRegion.invalidateAll();
    byRegion.cleanUp();
    http.close();
  }
}
