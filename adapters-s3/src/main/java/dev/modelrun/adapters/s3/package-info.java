/** S3 adapters: aws-s3 and aws-s3-folder input sources, the S3 result store and presigned links. */
package dev.modelrun.adapters.s3;
