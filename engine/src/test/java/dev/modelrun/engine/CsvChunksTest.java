package dev.modelrun.engine;

import static java.nio.charset.StandardCharsets.UTF_16LE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.io.ByteSource;
import dev.modelrun.core.model.FieldMapping;
import dev.modelrun.core.model.InvalidInputException;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.model.RecordFormat;
import dev.modelrun.core.model.UploadedFileInput;
import dev.modelrun.engine.testkit.RecordsTestModel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A CSV file read in small chunks on several threads gives exactly what one pass gives: the same records file, the
 * same batches, or the same error (row and field included), wherever the chunks are cut.
 */
class CsvChunksTest {
  private static final int ONE_PASS = StructuredIntake.CHUNK_BYTES;
  private static final int[] CHUNKS = {8, 16, 37, 64, 200};

  @Test
  void random_files_with_quoted_line_breaks_and_empty_lines_read_in_chunks_as_in_one_pass() throws Exception {
    SplittableRandom random = new SplittableRandom(6);
    int refused = 0;
    for (int file = 0; file < 300; file++) {
      boolean header = random.nextBoolean();
      String csv = csv(random, header, random.nextInt(0, 40), file % 3 == 0);
      refused += compare(csv.getBytes(UTF_8), header, 1 + random.nextInt(5)) ? 0 : 1;
    }
    // why: the generator puts a bad record into a third of the files; both kinds of outcome must have been compared.
    assertThat(refused).isBetween(30, 200);
  }

  @Test
  void a_quoted_value_over_many_chunks_and_one_too_long_to_join_read_as_in_one_pass() throws Exception {
    String longValue = "\"" + "line,\n\"\"".repeat(300) + "\"";
    String csv = "id,name,ok,score\n1,a,true,1.5\n2," + longValue + ",false,2\n3,c,true,-3.25\n";
    assertThat(compare(csv.getBytes(UTF_8), true, 2)).isTrue();
    assertThat(compare(("\uFEFF" + csv).getBytes(UTF_8), true, 1)).isTrue();
  }

  @Test
  void unterminated_quotes_lines_without_line_feeds_byte_order_marks_and_utf_16_read_as_in_one_pass() throws Exception {
    assertThat(compare("id,name,ok,score\n1,\"a\n2,b,true,1\n3,c,true,1\n".getBytes(UTF_8), true, 1)).isFalse();
    assertThat(compare("id,name,ok,score\r1,a,true,1\r2,b,false,2\r".getBytes(UTF_8), true, 1)).isTrue();
    assertThat(compare("\uFEFFid,name,ok,score\n1,a,true,1\n2,b,false,2\n".getBytes(UTF_16LE), true, 1)).isTrue();
    assertThat(compare("\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\nid,name,ok,score\n\n1,a,true,1\n".getBytes(UTF_8), true, 1))
        .isTrue();
    assertThat(compare("id,name,ok,score\n1,a,true,1\n1,a,true,1,2\n".getBytes(UTF_8), true, 1)).isFalse();
    assertThat(compare("id,name,ok,score\n1,a,true,1\n\uFEFF2,b,true,1\n".getBytes(UTF_8), true, 1)).isFalse();
    assertThat(compare("1,a,true,1\n2,b,true,1\n\uFEFF3,b,true,1\n".getBytes(UTF_8), false, 1)).isFalse();
    assertThat(compare("id,id,ok,score\n1,a,true,1\n".getBytes(UTF_8), true, 1)).isFalse();
    assertThat(compare("\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n".getBytes(UTF_8), true, 1)).isFalse();
  }

  /** Reads {@code bytes} in one pass, then in chunks of several sizes; all must agree. True when it was accepted. */
  private static boolean compare(byte[] bytes, boolean header, int batchSize) throws IOException {
    Outcome expected = ingest(bytes, header, batchSize, ONE_PASS);
    for (int chunk : CHUNKS) {
      assertThat(ingest(bytes, header, batchSize, chunk)).as("chunks of %s bytes of %s", chunk,
          new String(bytes, UTF_8)).isEqualTo(expected);
    }
    return expected.error() == null;
  }

  private record Outcome(String error, List<RecordBatch> batches, long records, long bytes, List<Byte> spooled) {}

  private static Outcome ingest(byte[] bytes, boolean header, int batchSize, int chunkBytes) throws IOException {
    InMemoryFileStore store = new InMemoryFileStore();
    JobId id = JobId.of(UUID.randomUUID());
    UploadedFileInput file = new UploadedFileInput("f.csv", header ? RecordFormat.CSV_WITH_HEADER
        : RecordFormat.CSV_WITHOUT_HEADER, ByteSource.wrap(bytes), List.of(FieldMapping.of("score", "score")),
        List.of());
    try {
      StructuredIntake.Intake intake = new StructuredIntake(new JobFiles(store), chunkBytes)
          .ingest(id, file, RecordsTestModel.DESCRIPTOR, batchSize);
      List<Byte> spooled = new ArrayList<>();
      for (byte b : store.open(id, JobFiles.RECORDS).orElseThrow().read()) {
        spooled.add(b);
      }
      return new Outcome(null, intake.batches(), intake.recordCount(), intake.inputBytes(), spooled);
    } catch (InvalidInputException e) {
      assertThat(store.holds(id)).isFalse();
      return new Outcome(e.getMessage(), List.of(), 0, 0, List.of());
    }
  }

  /** A CSV of the test model's fields, with quoting, line breaks in values, empty lines and, sometimes, a bad row. */
  private static String csv(SplittableRandom random, boolean header, int rows, boolean bad) {
    StringBuilder csv = new StringBuilder();
    if (random.nextInt(4) == 0) {
      csv.append('\uFEFF');
    }
    if (header) {
      csv.append("id,name,ok,score\n");
    }
    int badRow = bad ? random.nextInt(rows + 1) : -1;
    for (int row = 0; row < rows; row++) {
      if (random.nextInt(5) == 0) {
        csv.append(random.nextBoolean() ? "\n" : "\r\n");
      }
      String id = row == badRow && random.nextBoolean() ? "x" + row : Integer.toString(row);
      csv.append(id).append(',').append(name(random)).append(',').append(random.nextBoolean()).append(',')
          .append(random.nextInt(-5000, 5000) / 100.0);
      if (row == badRow && random.nextBoolean()) {
        csv.append(random.nextBoolean() ? ",\"unterminated\nvalue" : ",\"q\"x");
      }
      csv.append(random.nextInt(3) == 0 ? "\r\n" : "\n");
    }
    return csv.toString();
  }

  private static String name(SplittableRandom random) {
    return switch (random.nextInt(6)) {
      case 0 -> "\"a, b\"";
      case 1 -> "\"line\nbreak\"";
      case 2 -> "\"two\r\nlines and \"\"quotes\"\"\n\n\"";
      case 3 -> "ünïcödé";
      case 4 -> "\"\uFEFF\n\uFEFFbom-like\"";
      default -> "plain" + random.nextInt(100);
    };
  }
}
