package dev.modelrun.engine;

import com.google.common.io.CountingInputStream;
import dev.modelrun.core.mapping.InputMapping;
import dev.modelrun.core.mapping.OutputMapping;
import dev.modelrun.core.model.Field;
import dev.modelrun.core.model.InvalidInputException;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.model.ModelDescriptor;
import dev.modelrun.core.model.UploadedFileInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The submit of an uploaded file: one streaming pass reads every record, maps and type-checks it against the model's
 * fields, and writes it to the job's records file, cut into batches of the model's batch size. Nothing is kept when
 * anything is wrong.
 */
final class StructuredIntake {
  private final JobFiles files;

  StructuredIntake(JobFiles files) {
    this.files = files;
  }

  /** What the pass found: the batches (the job's units of work), the number of records, the bytes read. */
  record Intake(List<RecordBatch> batches, long recordCount, long inputBytes) {
    Intake {
      batches = List.copyOf(batches);
    }

    List<String> unitNames() {
      return batches.stream().map(RecordBatch::name).toList();
    }
  }

  /**
   * Reads the file and stores the job's plan and records under {@code id}.
   *
   * @throws InvalidInputException naming the mapping entry, or the row and field, of the first problem; nothing of
   *     the job is stored then
   */
  Intake ingest(JobId id, UploadedFileInput file, ModelDescriptor model, int batchSize) {
    InputMapping mapping = InputMapping.of(model.fields(), file.mapping());
    OutputMapping.of(model.outputFields(), file.outputMapping());
    boolean done = false;
    try {
      try (OutputStream plan = files.store().create(id, JobFiles.PLAN)) {
        new StructuredPlan(file.format(), file.outputMapping()).writeTo(plan);
      }
      Intake intake = readRecords(id, file, model.fields(), mapping, batchSize);
      done = true;
      return intake;
    } catch (IOException e) {
      throw new UncheckedIOException("storing the records of job " + id + " failed", e);
    } finally {
      if (!done) {
        files.store().deleteAll(id);
      }
    }
  }

  private Intake readRecords(JobId id, UploadedFileInput file, List<Field> fields, InputMapping mapping,
      int batchSize) throws IOException {
    List<RecordBatch> batches = new ArrayList<>();
    CountingInputStream in = new CountingInputStream(file.content().openStream());
    RecordSpool.Buffer batch = new RecordSpool.Buffer();
    try (RecordReader reader = RecordReader.open(in, file.format(), fields);
        OutputStream out = files.store().create(id, JobFiles.RECORDS)) {
      long offset = 0;
      long batchFirstRow = 1;
      int inBatch = 0;
      Map<String, ?> columns;
      while ((columns = reader.next()) != null) {
        RecordSpool.write(batch, fields, mapping.apply(reader.row(), columns));
        inBatch++;
        if (inBatch == batchSize) {
          batches.add(new RecordBatch(batches.size(), batchFirstRow, inBatch, offset, batch.size()));
          offset += batch.size();
          batch.writeTo(out);
          batchFirstRow += inBatch;
          inBatch = 0;
        }
      }
      if (inBatch > 0) {
        batches.add(new RecordBatch(batches.size(), batchFirstRow, inBatch, offset, batch.size()));
        batch.writeTo(out);
      }
      if (batches.isEmpty()) {
        throw new InvalidInputException("the file " + (file.fileName().isBlank() ? "" : "'" + file.fileName()
            + "' ") + "has no records");
      }
      long records = batchFirstRow - 1 + inBatch;
      return new Intake(batches, records, in.getCount());
    }
  }
}
