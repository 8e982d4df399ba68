package dev.modelrun.adapters.s3;

import dev.modelrun.core.model.S3Credentials;
import dev.modelrun.core.model.Secret;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A real S3-protocol server in this JVM: s3proxy over an in-memory jclouds blob store, on a port chosen free at
 * start, with one access key. Started once and shared by the tests of a run (each test uses buckets of its own).
 */
public final class S3Server {
  public static final String ACCESS_KEY = "modelrun-test";
  public static final String SECRET_KEY = "modelrun-test-secret";
  public static final String REGION = "us-east-1";

  private static S3Server shared;

  private final BlobStore store;
  private final S3Proxy proxy;
  private final URI endpoint;
  private final S3Client admin;

  private S3Server(BlobStore store, boolean ignoreUnknownHeaders) throws Exception {
    this.store = store;
    proxy = S3Proxy.builder()
        .blobStore(store)
        .ignoreUnknownHeaders(ignoreUnknownHeaders)
        .endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
        .build();
    proxy.start();
    while (!proxy.getState().equals("STARTED")) {
      Thread.sleep(10);
    }
    endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    admin = S3Client.builder()
        .endpointOverride(endpoint)
        .forcePathStyle(true)
        .region(Region.of(REGION))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .httpClient(ApacheHttpClient.builder().maxConnections(64).build())
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .build();
  }

  /** The server of this test run, started on first use. */
  public static synchronized S3Server shared() {
    if (shared == null) {
      try {
        shared = start(ContextBuilder.newBuilder("transient").credentials("identity", "credential")
            .build(BlobStoreContext.class).getBlobStore());
      } catch (Exception e) {
        throw new IllegalStateException("s3proxy did not start", e);
      }
    }
    return shared;
  }

  /**
   * A server of its own over {@code store}; stop it when done. It ignores the checksum headers of newer SDKs, as
   * AWS would take them.
   */
  public static S3Server start(BlobStore store) throws Exception {
    return new S3Server(store, true);
  }

  /** A server of its own that refuses requests with headers it does not know (DeleteObjects of newer SDKs). */
  static S3Server startStrict(BlobStore store) throws Exception {
    return new S3Server(store, false);
  }

  public void stop() throws Exception {
    admin.close();
    proxy.stop();
  }

  public URI endpoint() {
    return endpoint;
  }

  public S3Settings settings() {
    return S3Settings.endpoint(endpoint, REGION);
  }

  /** The credentials a request sends to read this server. */
  public static S3Credentials credentials() {
    return new S3Credentials(ACCESS_KEY, Secret.of(SECRET_KEY), REGION);
  }

  /** A client with the server's key, for setting up and checking buckets. */
  public S3Client admin() {
    return admin;
  }

  /** A new empty bucket with a unique name. */
  public String newBucket() {
    String bucket = "b-" + UUID.randomUUID().toString().substring(0, 18);
    admin.createBucket(b -> b.bucket(bucket));
    return bucket;
  }

  public void put(String bucket, String key, String text) {
    put(bucket, key, "text/plain", text.getBytes(StandardCharsets.UTF_8));
  }

  public void put(String bucket, String key, String contentType, byte[] bytes) {
    admin.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(bytes));
  }

  /** The keys below {@code prefix} in {@code bucket}, all pages. */
  public List<String> keys(String bucket, String prefix) {
    return admin.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
        .map(S3Object::key).toList();
  }

  /** Puts many small objects straight into the blob store behind the server ({@code key -> text}), fast. */
  public void putAll(String bucket, List<String> keys, Function<String, String> text) {
    for (String key : keys) {
      store.putBlob(bucket, store.blobBuilder(key).payload(text.apply(key).getBytes(StandardCharsets.UTF_8))
          .contentType("text/plain").build());
    }
  }
}
