package dev.modelrun.engine;

import com.google.common.io.CountingInputStream;
import dev.modelrun.core.mapping.InputMapping;
import dev.modelrun.core.mapping.OutputMapping;
import dev.modelrun.core.model.Field;
import dev.modelrun.core.model.InvalidInputException;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.model.ModelDescriptor;
import dev.modelrun.core.model.RecordFormat;
import dev.modelrun.core.model.UploadedFileInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The submit of an uploaded file: one streaming pass reads every record, maps and type-checks it against the model's
 * fields, and writes it to the job's records file, cut into batches of the model's batch size. Nothing is kept when
 * anything is wrong. A CSV file is read in chunks parsed on several threads ({@link CsvChunks}), with the same
 * records, batches and errors as one pass.
 */
final class StructuredIntake {
  /** The bytes of CSV one thread parses at a time. */
  static final int CHUNK_BYTES = 1 << 20;

  private final JobFiles files;
  private final int chunkBytes;

  StructuredIntake(JobFiles files) {
    this(files, CHUNK_BYTES);
  }

  /** @param chunkBytes the size of the chunks of a CSV file (tests cut small ones) */
  StructuredIntake(JobFiles files, int chunkBytes) {
    this.files = files;
    this.chunkBytes = chunkBytes;
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
    try (CountingInputStream in = new CountingInputStream(file.content().openStream());
        OutputStream out = files.store().create(id, JobFiles.RECORDS)) {
      Batches batches = new Batches(out, batchSize);
      Records records = new Records(fields, mapping);
      switch (file.format()) {
        case CSV_WITH_HEADER, CSV_WITHOUT_HEADER -> new CsvChunks(in, file.format() == RecordFormat.CSV_WITH_HEADER
            ? null : RecordReader.headerless(fields), records, batches, chunkBytes).read();
        case JSON_ARRAY, NDJSON -> {
          try (RecordReader reader = RecordReader.open(in, file.format(), fields)) {
            records.read(reader, batches);
          }
        }
      }
      List<RecordBatch> done = batches.finish();
      if (done.isEmpty()) {
        throw new InvalidInputException("the file " + (file.fileName().isBlank() ? "" : "'" + file.fileName()
            + "' ") + "has no records");
      }
      return new Intake(done, batches.recordCount(), in.getCount());
    }
  }

  /** Maps, checks and spools the records of a reader. */
  static final class Records {
    private final List<Field> fields;
    private final InputMapping mapping;

    Records(List<Field> fields, InputMapping mapping) {
      this.fields = fields;
      this.mapping = mapping;
    }

    /** Spools every record of {@code reader} into {@code into}, handing it a piece at most every batch. */
    void read(RecordReader reader, Batches into) throws IOException {
      Spooled piece = new Spooled();
      Map<String, ?> columns;
      while ((columns = reader.next()) != null) {
        add(piece, reader, columns);
        if (piece.count == into.batchSize) {
          into.add(piece);
          piece = new Spooled();
        }
      }
      into.add(piece);
    }

    void add(Spooled piece, RecordReader reader, Map<String, ?> columns) {
      RecordSpool.write(piece.buffer, fields, mapping.apply(reader.row(), columns));
      piece.ended();
    }
  }

  /** Spooled records held in memory: their bytes and where each record ends. */
  static final class Spooled {
    final RecordSpool.Buffer buffer = new RecordSpool.Buffer();
    private int[] ends = new int[256];
    int count;

    void ended() {
      if (count == ends.length) {
        ends = Arrays.copyOf(ends, count * 2);
      }
      ends[count++] = buffer.size();
    }

    int end(int record) {
      return ends[record];
    }
  }

  /** The records file as it is written: spooled records in file order, cut into batches of {@code batchSize}. */
  static final class Batches {
    final int batchSize;
    private final OutputStream out;
    private final List<RecordBatch> batches = new ArrayList<>();
    private long offset;
    private long firstRow = 1;
    private int inBatch;
    private long batchBytes;

    Batches(OutputStream out, int batchSize) {
      this.out = out;
      this.batchSize = batchSize;
    }

    /** Appends the records of {@code piece}, which follow those added before. */
    void add(Spooled piece) throws IOException {
      int record = 0;
      int from = 0;
      while (record < piece.count) {
        int take = Math.min(piece.count - record, batchSize - inBatch);
        int to = piece.end(record + take - 1);
        piece.buffer.writeTo(out, from, to);
        batchBytes += to - from;
        from = to;
        record += take;
        inBatch += take;
        if (inBatch == batchSize) {
          cut();
        }
      }
    }

    long recordCount() {
      return firstRow - 1 + inBatch;
    }

    List<RecordBatch> finish() {
      if (inBatch > 0) {
        cut();
      }
      return batches;
    }

    private void cut() {
      batches.add(new RecordBatch(batches.size(), firstRow, inBatch, offset, batchBytes));
      offset += batchBytes;
      firstRow += inBatch;
      inBatch = 0;
      batchBytes = 0;
    }
  }
}
