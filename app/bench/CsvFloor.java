import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.BufferedWriter;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Helper of bench-structured-http.sh, run as a source file against the shaded jar (Jackson's CSV module is in it):
 * {@code java -cp app/target/modelrun.jar app/bench/CsvFloor.java generate FILE ROWS} writes the benchmark's CSV
 * (the generator of the engine's StructuredBenchmark: id, c1..c8 numbers with two decimals, note);
 * {@code ... floor IN OUT ROWS} reads IN once with Jackson's CsvParser and writes every column to OUT with its
 * CsvGenerator, one pass, one thread, and prints the records per second of the second of two such passes (the
 * floor of issue 6).
 */
public final class CsvFloor {
  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "generate" -> generate(Path.of(args[1]), Integer.parseInt(args[2]));
      case "floor" -> {
        // why: one warm-up pass, so the floor is Jackson's JIT-compiled speed (the server gets a warm-up job too)
        floor(Path.of(args[1]), Path.of(args[2]), Integer.parseInt(args[3]));
        System.out.printf(Locale.ROOT, "%.0f%n", floor(Path.of(args[1]), Path.of(args[2]),
            Integer.parseInt(args[3])));
      }
      default -> throw new IllegalArgumentException("generate FILE ROWS | floor IN OUT ROWS");
    }
  }

  static void generate(Path csv, int rows) throws Exception {
    SplittableRandom random = new SplittableRandom(42);
    try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
      out.write("id,c1,c2,c3,c4,c5,c6,c7,c8,note\n");
      StringBuilder line = new StringBuilder(128);
      for (int i = 1; i <= rows; i++) {
        line.setLength(0);
        line.append(i);
        for (int c = 1; c <= 8; c++) {
          line.append(',').append(random.nextInt(-99_999, 100_000) / 100.0);
        }
        line.append(",note ").append(random.nextInt(1000)).append('\n');
        out.write(line.toString());
      }
    }
  }

  static double floor(Path in, Path out, int rows) throws Exception {
    CsvFactory factory = new CsvFactory();
    long start = System.nanoTime();
    long count = 0;
    try (InputStream input = Files.newInputStream(in); CsvParser parser = factory.createParser(input);
        OutputStream output = Files.newOutputStream(out); CsvGenerator generator = factory.createGenerator(output)) {
      generator.setSchema(CsvSchema.emptySchema());
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (token == JsonToken.START_ARRAY) {
          generator.writeStartArray();
          count++;
        } else if (token == JsonToken.END_ARRAY) {
          generator.writeEndArray();
        } else {
          generator.writeString(parser.getText());
        }
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (count != rows + 1L) {
      throw new IllegalStateException("floor read " + count + " rows, expected " + (rows + 1L));
    }
    return rows / seconds;
  }
}
