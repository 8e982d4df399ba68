package dev.modelrun.app;

import dev.modelrun.adapters.s3.S3Server;
import java.util.Map;

/**
 * The in-process S3 server (s3proxy) for tests of the server with S3 inputs and results: its configuration, the
 * server's own S3 credentials, and requests that read it.
 */
final class S3Fixture {
  static final S3Server S3 = S3Server.shared();

  private S3Fixture() {}

  /**
   * The server's credentials for its own buckets (MODELRUN_RESULTS), found by the AWS default chain in system
   * properties, as a deployment would give them in its environment.
   */
  static void giveServerCredentials() {
    System.setProperty("aws.accessKeyId", S3Server.ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", S3Server.SECRET_KEY);
  }

  static void takeServerCredentials() {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  /** The configuration of S3 inputs from this server, and results kept at {@code results} (s3://...). */
  static Map<String, String> environment(String results) {
    return Map.of("MODELRUN_S3_ENDPOINT", S3.endpoint().toString(), "MODELRUN_S3_REGION", S3Server.REGION,
        "MODELRUN_RESULTS", results);
  }

  /** A sentiment job over every object below {@code folder} of {@code bucket}, items named {@code docs/...}. */
  static String folderJob(String bucket, String folder) {
    return "{\"model\": {\"identifier\": \"ed542963de\", \"version\": \"0.0.27\"}, \"hoursDeleteInput\": 1,"
        + " \"input\": {\"type\": \"aws-s3-folder\", \"accessKeyID\": \"" + S3Server.ACCESS_KEY + "\","
        + " \"secretAccessKey\": \"" + S3Server.SECRET_KEY + "\", \"region\": \"" + S3Server.REGION + "\","
        + " \"sources\": {\"docs\": {\"input.txt\": {\"bucket\": \"" + bucket + "\", \"key\": \"" + folder + "\"}}}}}";
  }

  /** An on-demand job of the tabular model over three CSV records. */
  static byte[] csvJob() {
    return RunningServer.multipart("data", "{\"model\": \"tabular-demo\", \"mimeType\": \"text/csv; header=present\"}",
        "file", "x,y\n1,2\n-3,4\n5,0\n");
  }
}
