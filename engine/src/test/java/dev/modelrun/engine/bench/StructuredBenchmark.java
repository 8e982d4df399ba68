package dev.modelrun.engine.bench;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.google.common.io.MoreFiles;
import dev.modelrun.core.billing.Pricing;
import dev.modelrun.core.model.CallerIdentity;
import dev.modelrun.core.model.Field;
import dev.modelrun.core.model.FieldMapping;
import dev.modelrun.core.model.FieldType;
import dev.modelrun.core.model.Job;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.model.JobRequest;
import dev.modelrun.core.model.JobSpec;
import dev.modelrun.core.model.JobStatus;
import dev.modelrun.core.model.ModelDescriptor;
import dev.modelrun.core.model.ModelRef;
import dev.modelrun.core.model.ModelTimeouts;
import dev.modelrun.core.model.RecordFormat;
import dev.modelrun.core.model.UploadedFileInput;
import dev.modelrun.core.port.in.OutputFile;
import dev.modelrun.core.port.in.SubmitJobCommand;
import dev.modelrun.core.port.out.TabularModel;
import dev.modelrun.engine.DirectoryFileStore;
import dev.modelrun.engine.ModelRunEngine;
import java.io.BufferedWriter;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The structured-job benchmark of issue 6: a generated CSV of {@code rows} rows and 10 columns, 2 of them mapped onto
 * a model with the fields and outputs of {@code tabular-demo}, 3 output columns, from submit to the downloaded
 * output file, through the engine with a directory file store; against the floor of the same file read and written
 * once by Jackson's CSV parser and generator. Not a test: run it by hand (see BENCHMARKS.md).
 */
public final class StructuredBenchmark {
  private static final CallerIdentity CALLER = new CallerIdentity("bench", "bench", "bench", "benchkey");

  private StructuredBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Path dir = Files.createTempDirectory("modelrun-structured-bench");
    try {
      Path csv = dir.resolve("input.csv");
      generate(csv, rows);
      System.out.printf(Locale.ROOT, "cores=%d java=%s rows=%,d file=%,d bytes maxHeap=%,d MB%n",
          Runtime.getRuntime().availableProcessors(), Runtime.version(), rows, Files.size(csv),
          Runtime.getRuntime().maxMemory() >> 20);
      for (int round = 0; round <= rounds; round++) {
        String label = round == 0 ? "warm-up" : "round " + round;
        double floor = floor(csv, dir.resolve("floor.csv"), rows);
        double engine = engine(csv, dir, rows);
        System.out.printf(Locale.ROOT, "%-8s floor %,.0f records/s   engine %,.0f records/s   ratio %.2f%n", label,
            floor, engine, engine / floor);
      }
      System.out.printf(Locale.ROOT, "peak resident memory of this JVM (VmHWM): %s%n", peakResident());
    } finally {
      MoreFiles.deleteRecursively(dir, com.google.common.io.RecursiveDeleteOption.ALLOW_INSECURE);
    }
  }

  /** 10 columns: an id, 8 numbers with a few decimals, a short text. */
  private static void generate(Path csv, int rows) throws Exception {
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

  /** Reads every row with Jackson's CSV parser and writes it back with its generator: the floor for this work. */
  private static double floor(Path in, Path out, int rows) throws Exception {
    CsvFactory factory = new CsvFactory();
    long start = System.nanoTime();
    long count = 0;
    try (InputStream input = Files.newInputStream(in); CsvParser parser = factory.createParser(input);
        OutputStream output = Files.newOutputStream(out); CsvGenerator generator = factory.createGenerator(output)) {
      generator.setSchema(com.fasterxml.jackson.dataformat.csv.CsvSchema.emptySchema());
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
    check(count == rows + 1, "floor read " + count + " rows");
    return rows / seconds;
  }

  private static double engine(Path csv, Path dir, int rows) throws Exception {
    Path store = Files.createDirectories(dir.resolve("store"));
    Path output = dir.resolve("output.csv");
    try (ModelRunEngine engine = ModelRunEngine.builder().model(new DemoModel()).workers(2)
        .fileStore(new DirectoryFileStore(store)).build()) {
      long start = System.nanoTime();
      JobId id = engine.submit(SubmitJobCommand.of(CALLER, new JobRequest(DemoModel.DESCRIPTOR.ref(),
          JobSpec.defaults(), new UploadedFileInput("input.csv", RecordFormat.CSV_WITH_HEADER,
              MoreFiles.asByteSource(csv), List.of(FieldMapping.of("c3", "x"), FieldMapping.of("c7", "y")),
              List.of(FieldMapping.of("a", "sum"), FieldMapping.of("b", "product"), FieldMapping.of("c", "sign"))))))
          .job().job().id();
      long submitted = System.nanoTime();
      Job done = engine.await(id, Duration.ofMinutes(10));
      check(done.status() == JobStatus.COMPLETED, "job ended " + done.status() + " " + done.errorMessage());
      long ran = System.nanoTime();
      URI link = engine.resultLink(CALLER, id);
      String query = link.getQuery();
      OutputFile file = engine.download(id, Long.parseLong(query.replaceAll(".*expires=(\\d+).*", "$1")),
          query.replaceAll(".*sig=([0-9a-f]+).*", "$1"));
      try (OutputStream out = Files.newOutputStream(output)) {
        file.content().copyTo(out);
      }
      long end = System.nanoTime();
      System.out.printf(Locale.ROOT, "         engine: submit %.2f s, run %.2f s, download %.2f s, output %,d bytes%n",
          (submitted - start) / 1e9, (ran - submitted) / 1e9, (end - ran) / 1e9, Files.size(output));
      check(done.billing().recordCount() == rows, "billed " + done.billing());
      return rows / ((end - start) / 1e9);
    } finally {
      MoreFiles.deleteRecursively(store, com.google.common.io.RecursiveDeleteOption.ALLOW_INSECURE);
    }
  }

  private static String peakResident() throws Exception {
    Path status = Path.of("/proc/self/status");
    if (!Files.exists(status)) {
      return "unknown";
    }
    return Files.readAllLines(status).stream().filter(line -> line.startsWith("VmHWM")).findFirst()
        .map(line -> line.replaceAll("\\s+", " ")).orElse("unknown");
  }

  private static void check(boolean condition, String message) {
    if (!condition) {
      throw new IllegalStateException(message);
    }
  }

  /** The fields, outputs and pricing of the app's {@code tabular-demo} (the engine cannot depend on the app). */
  static final class DemoModel implements TabularModel {
    static final ModelDescriptor DESCRIPTOR = new ModelDescriptor(ModelRef.of("tabular-demo", "1.0.0"),
        "Tabular Demo", "x + y, x * y, sign", List.of(), List.of(),
        List.of(Field.of("x", FieldType.NUMBER), Field.of("y", FieldType.NUMBER)),
        List.of(Field.of("a", FieldType.NUMBER), Field.of("b", FieldType.NUMBER), Field.of("c", FieldType.STRING)),
        false, false, Pricing.of(5, 20), ModelTimeouts.of(Duration.ofSeconds(60), Duration.ofSeconds(30)));

    @Override
    public ModelDescriptor descriptor() {
      return DESCRIPTOR;
    }

    @Override
    public int batchSize() {
      return Integer.getInteger("bench.batch", 256);
    }

    @Override
    public List<Map<String, Object>> run(List<Map<String, Object>> records) {
      List<Map<String, Object>> outputs = new ArrayList<>(records.size());
      for (Map<String, Object> record : records) {
        BigDecimal x = (BigDecimal) record.get("x");
        BigDecimal y = (BigDecimal) record.get("y");
        BigDecimal product = x.multiply(y);
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("a", x.add(y));
        output.put("b", product);
        output.put("c", product.signum() >= 0 ? "pos" : "neg");
        outputs.add(output);
      }
      return outputs;
    }
  }
}
