package dev.modelrun.core.model;

/** The inputs of a job, one variant per input type of the API. */
public sealed interface JobInput
    permits TextInput, EmbeddedInput, S3Input, S3FolderInput, JdbcInput, UploadedFileInput {
  /** The input type as the API names it ({@code text}, {@code embedded}, {@code aws-s3}, ...). */
  String type();
}
