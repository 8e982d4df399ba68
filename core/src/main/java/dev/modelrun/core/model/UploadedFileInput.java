package dev.modelrun.core.model;

import static java.util.Objects.requireNonNull;

import com.google.common.io.ByteSource;
import java.util.List;

/**
 * An uploaded file of records for a tabular model: its name, format, content, and the mappings of columns to model
 * fields ({@code mapping}) and of model output fields to output columns ({@code outputMapping}).
 */
public record UploadedFileInput(String fileName, RecordFormat format, ByteSource content,
    List<FieldMapping> mapping, List<FieldMapping> outputMapping) implements JobInput {
  public UploadedFileInput {
    requireNonNull(fileName, "fileName");
    requireNonNull(format, "format");
    requireNonNull(content, "content");
    mapping = List.copyOf(mapping);
    outputMapping = List.copyOf(outputMapping);
  }

  @Override
  public String type() {
    return "file";
  }
}
