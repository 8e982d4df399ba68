package dev.modelrun.adapters.s3;

/** The S3 bucket of a store could not be read or written; the cause is the SDK's exception. */
public final class S3StoreException extends RuntimeException {
  S3StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
