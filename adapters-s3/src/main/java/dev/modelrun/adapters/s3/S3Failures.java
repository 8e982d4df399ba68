package dev.modelrun.adapters.s3;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Says in words fit for a client what an S3 failure means; the messages name buckets and keys, never secrets. */
final class S3Failures {
  private S3Failures() {}

  /** What went wrong reaching {@code s3://bucket/key}. */
  static String describe(SdkException failure, String bucket, String key) {
    String where = S3Names.uri(bucket, key);
    if (!(failure instanceof S3Exception s3)) {
      return "could not reach S3 for " + where + ": " + failure.getMessage();
    }
    String code = s3.awsErrorDetails() == null || s3.awsErrorDetails().errorCode() == null
        ? "" : s3.awsErrorDetails().errorCode();
    return switch (code) {
      case "NoSuchBucket" -> "bucket '" + bucket + "' does not exist";
      case "NoSuchKey" -> "no object " + where;
      case "InvalidAccessKeyId" -> "the S3 credentials were refused: S3 does not know the accessKeyID";
      case "SignatureDoesNotMatch" ->
          "the S3 credentials were refused: the secretAccessKey does not match the accessKeyID";
      case "AccessDenied" -> "access to " + where + " was denied with the given credentials";
      case "PermanentRedirect", "AuthorizationHeaderMalformed", "IllegalLocationConstraintException" ->
          "bucket '" + bucket + "' is not in the region given by input.region";
      default -> switch (s3.statusCode()) {
        case 404 -> "no object " + where;
        case 403 -> "access to " + where + " was denied: check accessKeyID, secretAccessKey and region";
        case 301 -> "bucket '" + bucket + "' is not in the region given by input.region";
        default -> "S3 answered " + s3.statusCode() + (code.isEmpty() ? "" : " " + code) + " for " + where;
      };
    };
  }

  /** True when S3 said the bucket or key does not exist (a HEAD's 404 does not say which). */
  static boolean isNotFound(SdkException failure) {
    return failure instanceof S3Exception s3 && s3.statusCode() == 404;
  }
}
