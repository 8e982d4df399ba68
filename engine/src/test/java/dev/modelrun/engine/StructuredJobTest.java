package dev.modelrun.engine;

import static dev.modelrun.engine.Fixtures.WAIT;
import static dev.modelrun.engine.testkit.Jobs.ALICE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.io.ByteSource;
import dev.modelrun.core.billing.Billing;
import dev.modelrun.core.mapping.MappingException;
import dev.modelrun.core.model.ConflictException;
import dev.modelrun.core.model.FieldMapping;
import dev.modelrun.core.model.InvalidInputException;
import dev.modelrun.core.model.Job;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.model.JobQuery;
import dev.modelrun.core.model.JobRequest;
import dev.modelrun.core.model.JobSpec;
import dev.modelrun.core.model.JobStatus;
import dev.modelrun.core.model.JobType;
import dev.modelrun.core.model.ModelRef;
import dev.modelrun.core.model.RecordFormat;
import dev.modelrun.core.model.UploadedFileInput;
import dev.modelrun.core.port.in.OutputFile;
import dev.modelrun.core.port.in.SubmitJobCommand;
import dev.modelrun.engine.testkit.RecordsTestModel;
import dev.modelrun.engine.testkit.TabularTestModel;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StructuredJobTest {
  private static final ModelRef RECORDS = RecordsTestModel.DESCRIPTOR.ref();
  private static final ModelRef TABULAR = TabularTestModel.DESCRIPTOR.ref();

  private final InMemoryJobStore jobs = new InMemoryJobStore();
  private final InMemoryFileStore files = new InMemoryFileStore();
  private final List<JobId> ids = new ArrayList<>();
  private ModelRunEngine engine = engine(new RecordsTestModel(2), 2);

  private ModelRunEngine engine(RecordsTestModel model, int workers) {
    return ModelRunEngine.builder().model(model).model(new TabularTestModel()).jobStore(jobs).fileStore(files)
        .idGenerator(() -> {
          JobId id = JobId.of(UUID.randomUUID());
          ids.add(id);
          return id;
        })
        .recordsPerWorkUnit(1).workers(workers).build();
  }

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void three_csv_rows_bill_one_group_of_the_model() throws Exception {
    Job job = submit(TABULAR, RecordFormat.CSV_WITH_HEADER, "x,y\n1,2\n3,4\n5,6\n");

    assertThat(job.billing()).isEqualTo(new Billing(3, 1, 20));
    assertThat(job.type()).isEqualTo(JobType.STRUCTURED);
    assertThat(job.counters().total()).isEqualTo(1);
    assertThat(job.input().fileName()).isEqualTo("data.csv");
    assertThat(job.input().mediaType()).isEqualTo("text/csv; header=present");
    assertThat(job.name()).isEqualTo("data.csv");
    assertThat(job.inputByteAmount()).isEqualTo(16);
    Job done = engine.await(job.id(), WAIT);
    assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(done.billing()).isEqualTo(job.billing());
    assertThat(output(job.id())).isEqualTo("sum\n3\n7\n11\n");
  }

  @Test
  void csv_keeps_quoted_commas_quotes_and_newlines_and_skips_a_byte_order_mark() throws Exception {
    String csv = "\uFEFFid,name,ok,score\n1,\"a, \"\"quoted\"\"\nname\",true,1.5\n2,plain,false,-0.25\n";
    Job job = submit(RECORDS, RecordFormat.CSV_WITH_HEADER, csv);

    assertThat(job.billing().recordCount()).isEqualTo(2);
    assertThat(output(job.id())).isEqualTo("id,label,flipped,double\n"
        + "1,\"a, \"\"quoted\"\"\nname!\",false,3.0\n"
        + "2,plain!,true,-0.50\n");
  }

  @Test
  void csv_without_header_names_columns_as_the_model_fields_in_order_and_writes_no_header() throws Exception {
    Job job = submit(RECORDS, RecordFormat.CSV_WITHOUT_HEADER, "1,a,true,1\n2,b,false,2\n3,c,true,3\n");

    assertThat(job.billing().recordCount()).isEqualTo(3);
    assertThat(output(job.id())).isEqualTo("1,a!,false,2\n2,b!,true,4\n3,c!,false,6\n");
  }

  @Test
  void a_json_array_gives_a_json_array_in_input_order() throws Exception {
    String json = "[{\"id\": 1, \"name\": \"a\", \"ok\": true, \"score\": 0.1},\n"
        + " {\"id\": \"2\", \"name\": 7, \"ok\": \"false\", \"score\": 3, \"extra\": null},\n"
        + " {\"id\": 3, \"name\": \"c\", \"ok\": false, \"score\": 1e2}]";
    Job job = submit(RECORDS, RecordFormat.JSON_ARRAY, json);

    assertThat(output(job.id())).isEqualTo("[\n"
        + "{\"id\":1,\"label\":\"a!\",\"flipped\":false,\"double\":0.2},\n"
        + "{\"id\":2,\"label\":\"7!\",\"flipped\":true,\"double\":6},\n"
        + "{\"id\":3,\"label\":\"c!\",\"flipped\":true,\"double\":200}\n"
        + "]\n");
    assertThat(download(job.id()).mediaType()).isEqualTo("application/json");
    assertThat(download(job.id()).fileName()).isEqualTo("data-results.json");
  }

  @Test
  void ndjson_gives_ndjson_one_line_per_record() throws Exception {
    String ndjson = "{\"id\": 1, \"name\": \"a\", \"ok\": true, \"score\": 1}\n\n"
        + "{\"id\": 2, \"name\": \"b\", \"ok\": false, \"score\": 2}\n"
        + "{\"id\": 3, \"name\": \"c\", \"ok\": true, \"score\": 3}\n";
    Job job = submit(RECORDS, RecordFormat.NDJSON, ndjson);

    assertThat(output(job.id())).isEqualTo("{\"id\":1,\"label\":\"a!\",\"flipped\":false,\"double\":2}\n"
        + "{\"id\":2,\"label\":\"b!\",\"flipped\":true,\"double\":4}\n"
        + "{\"id\":3,\"label\":\"c!\",\"flipped\":false,\"double\":6}\n");
    assertThat(download(job.id()).mediaType()).isEqualTo("application/x-ndjson");
  }

  @Test
  void mapping_renames_columns_and_defaults_fill_empty_and_missing_values() throws Exception {
    String csv = "ident,who,score\n1,,5\n2,bob,\n";
    Job job = submit(RECORDS, RecordFormat.CSV_WITH_HEADER, csv, List.of(
        FieldMapping.of("ident", "id"),
        FieldMapping.withDefault("who", "name", "nobody"),
        FieldMapping.withDefault("", "ok", "true"),
        FieldMapping.withDefault("score", "score", "0.5")),
        List.of(FieldMapping.of("label", "greeting"), FieldMapping.of("double", "twice")));

    assertThat(output(job.id())).isEqualTo("id,greeting,flipped,twice\n1,nobody!,false,10\n2,bob!,false,1.0\n");
  }

  @Test
  void every_bad_record_or_mapping_is_refused_naming_where_and_nothing_is_kept() {
    List<FieldMapping> none = List.of();
    String header = "id,name,ok,score\n";
    assertRefused(RECORDS, RecordFormat.CSV_WITH_HEADER, header + "1,a,true,1\n2,b,maybe,2\n", none, none,
        "row 2, field 'ok': column 'ok' expected true or false but was 'maybe'");
    assertRefused(RECORDS, RecordFormat.CSV_WITH_HEADER, header + "1,a,true,1\n2,b,true,2\n3,c,true,\n", none,
        none, "row 3, field 'score': no value in column 'score' and no defaultValue");
    assertRefused(RECORDS, RecordFormat.CSV_WITH_HEADER, "id,name,ok\n1,a,true\n", none, none,
        "row 1, field 'score'");
    assertRefused(RECORDS, RecordFormat.CSV_WITH_HEADER, header + "x,a,true,1\n", none, none,
        "row 1, field 'id': column 'id' expected an integer but was 'x'");
    assertRefused(RECORDS, RecordFormat.CSV_WITH_HEADER, header + "1,a,true,1,extra\n", none, none,
        "row 1: has 5 values, but the file has 4 columns");
    assertRefused(RECORDS, RecordFormat.CSV_WITH_HEADER, header + "1,\"a,true,1\n", none, none,
        "row 1: the file is not valid CSV");
    assertRefused(RECORDS, RecordFormat.CSV_WITH_HEADER, "id,id,ok,score\n1,2,true,1\n", none, none,
        "names column 'id' twice");
    assertRefused(RECORDS, RecordFormat.CSV_WITH_HEADER, header + "1,a,true,1\n",
        List.of(FieldMapping.withDefault("score", "score", "abc")), none,
        "mapping for field 'score': defaultValue expected a number");
    assertRefused(RECORDS, RecordFormat.CSV_WITH_HEADER, header + "1,a,true,1\n",
        List.of(FieldMapping.of("a", "nope")), none, "mapping[0].destination 'nope' is not a field");
    assertRefused(RECORDS, RecordFormat.CSV_WITH_HEADER, header + "1,a,true,1\n", none,
        List.of(FieldMapping.of("nope", "x")), "outputMapping[0].source 'nope' is not an output field");
    assertRefused(RECORDS, RecordFormat.CSV_WITH_HEADER, "", none, none, "has no records");
    assertRefused(RECORDS, RecordFormat.CSV_WITH_HEADER, header, none, none, "has no records");
    assertRefused(RECORDS, RecordFormat.JSON_ARRAY, "[]", none, none, "has no records");
    assertRefused(RECORDS, RecordFormat.JSON_ARRAY, "{\"id\": 1}", none, none, "not a JSON array of objects");
    assertRefused(RECORDS, RecordFormat.JSON_ARRAY, "[{\"id\": 1, \"name\": \"a\", \"ok\": true, \"score\": 1}, 5]",
        none, none, "row 2: is not a JSON object");
    assertRefused(RECORDS, RecordFormat.JSON_ARRAY, "[{\"id\": 1, \"name\": \"a\", \"ok\": true, \"score\": 1},",
        none, none, "row 2: the file is not valid JSON");
    assertRefused(RECORDS, RecordFormat.JSON_ARRAY, "[{\"id\": 1, \"name\": {\"x\": 1}, \"ok\": true}]", none,
        none, "row 1: column 'name' holds a nested object");
    assertRefused(RECORDS, RecordFormat.JSON_ARRAY, "[{\"id\": 1.5, \"name\": \"a\", \"ok\": true, \"score\": 1}]",
        none, none, "row 1, field 'id': column 'id' expected an integer but was 1.5");
    assertRefused(RECORDS, RecordFormat.NDJSON, "{\"id\": 1, \"name\": \"a\", \"ok\": true, \"score\": 1}\n[1]\n",
        none, none, "row 2: is not a JSON object");
    assertRefused(RECORDS, RecordFormat.NDJSON, "{\"id\": 1, \"name\": \"a\", \"ok\": true, \"score\": 1}\n{\"id\":\n",
        none, none, "row 2: the file is not valid NDJSON");
    assertRefused(RECORDS, RecordFormat.NDJSON, "{\"id\": 1, \"name\": \"a\", \"ok\": null, \"score\": 1}\n",
        none, none, "row 1, field 'ok': no value in column 'ok'");

    assertThat(jobs.history(ALICE, JobQuery.all()).totalCount()).isZero();
    assertThat(ids).isNotEmpty().allSatisfy(id -> assertThat(files.holds(id)).as("files of %s", id).isFalse());
  }

  @Test
  void a_mapping_problem_is_a_mapping_exception_with_row_and_field() {
    assertThatThrownBy(() -> submit(RECORDS, RecordFormat.CSV_WITH_HEADER, "id,name,ok,score\n1,a,yes,1\n"))
        .isInstanceOfSatisfying(MappingException.class, e -> {
          assertThat(e.row()).isEqualTo(1);
          assertThat(e.field()).isEqualTo("ok");
        });
  }

  @Test
  void ten_thousand_records_in_many_parallel_batches_come_out_in_input_order() throws Exception {
    engine.close();
    engine = engine(new RecordsTestModel(7).shuffling(), 4);
    StringBuilder csv = new StringBuilder("id,name,ok,score\n");
    StringBuilder expected = new StringBuilder("id,label,flipped,double\n");
    for (int i = 1; i <= 10_000; i++) {
      csv.append(i).append(",n").append(i).append(",true,").append(i).append('\n');
      expected.append(i).append(",n").append(i).append("!,false,").append(2 * i).append('\n');
    }
    Job job = submit(RECORDS, RecordFormat.CSV_WITH_HEADER, csv.toString());

    assertThat(job.counters().total()).isEqualTo(1429);
    assertThat(job.billing()).isEqualTo(new Billing(10_000, 1000, 3000));
    assertThat(engine.await(job.id(), WAIT).status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(output(job.id())).isEqualTo(expected.toString());
    assertThat(files.open(job.id(), JobFiles.RECORDS)).as("records are dropped once done").isEmpty();
  }

  @Test
  void a_unit_of_work_holds_whole_model_calls_and_calls_stay_within_the_batch_size() throws Exception {
    engine.close();
    RecordsTestModel model = new RecordsTestModel(3);
    engine = ModelRunEngine.builder().model(model).jobStore(jobs).recordsPerWorkUnit(10).workers(2).build();
    StringBuilder csv = new StringBuilder("id,name,ok,score\n");
    StringBuilder expected = new StringBuilder("id,label,flipped,double\n");
    for (int i = 1; i <= 50; i++) {
      csv.append(i).append(",n,true,").append(i).append('\n');
      expected.append(i).append(",n!,false,").append(2 * i).append('\n');
    }
    Job job = submit(RECORDS, RecordFormat.CSV_WITH_HEADER, csv.toString());

    assertThat(job.counters().total()).as("units of 12 records: 4 model calls of 3").isEqualTo(5);
    assertThat(output(job.id())).isEqualTo(expected.toString());
    assertThat(model.largestCall()).isEqualTo(3);
  }

  @Test
  void a_failing_batch_ends_the_job_in_error_naming_its_rows_and_keeps_no_file() throws Exception {
    engine.close();
    engine = engine(new RecordsTestModel(2).failingOn(5), 2);
    StringBuilder csv = new StringBuilder("id,name,ok,score\n");
    for (int i = 1; i <= 20; i++) {
      csv.append(i).append(",n,true,1\n");
    }
    Job job = submit(RECORDS, RecordFormat.CSV_WITH_HEADER, csv.toString());

    Job done = engine.await(job.id(), WAIT);
    assertThat(done.status()).isEqualTo(JobStatus.ERROR);
    assertThat(done.errorMessage()).isEqualTo("rows 5-6: record 5 is poison");
    assertThat(done.billing()).isEqualTo(job.billing());
    assertThatThrownBy(() -> engine.resultLink(ALICE, job.id())).isInstanceOf(ConflictException.class)
        .hasMessageContaining("ended with status ERROR").hasMessageContaining("no output file");
    assertThat(Fixtures.eventually(() -> !files.holds(job.id()))).isTrue();
  }

  @Test
  void the_result_link_waits_for_the_end() throws Exception {
    engine.close();
    RecordsTestModel blocking = new RecordsTestModel(2).blocking();
    engine = engine(blocking, 2);
    Job job = submit(RECORDS, RecordFormat.CSV_WITH_HEADER, "id,name,ok,score\n1,a,true,1\n");
    assertThat(blocking.awaitStarted()).isTrue();

    assertThatThrownBy(() -> engine.resultLink(ALICE, job.id())).isInstanceOf(ConflictException.class)
        .hasMessageContaining("has not finished");
    blocking.release();
    assertThat(engine.await(job.id(), WAIT).status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(engine.resultLink(ALICE, job.id()).toString()).startsWith("http://localhost:8080/downloads/"
        + job.id() + "?expires=");
  }

  @Test
  void a_canceled_structured_job_keeps_no_file_and_has_no_output() throws Exception {
    engine.close();
    RecordsTestModel blocking = new RecordsTestModel(1).blocking();
    engine = engine(blocking, 2);
    Job job = submit(RECORDS, RecordFormat.CSV_WITH_HEADER, "id,name,ok,score\n1,a,true,1\n2,b,true,2\n");
    assertThat(blocking.awaitStarted()).isTrue();

    assertThat(engine.cancel(ALICE, job.id()).job().status()).isEqualTo(JobStatus.CANCELED);
    blocking.release();
    assertThat(Fixtures.eventually(() -> !files.holds(job.id()))).isTrue();
    assertThatThrownBy(() -> engine.resultLink(ALICE, job.id())).isInstanceOf(ConflictException.class)
        .hasMessageContaining("CANCELED");
  }

  @Test
  void a_renamed_structured_job_keeps_its_billing() throws Exception {
    Job job = submit(TABULAR, RecordFormat.CSV_WITH_HEADER, "x,y\n1,2\n3,4\n5,6\n7,8\n9,10\n11,12\n");
    engine.await(job.id(), WAIT);

    Job renamed = engine.rename(ALICE, job.id(), "monthly scores").job();
    assertThat(renamed.name()).isEqualTo("monthly scores");
    assertThat(renamed.billing()).isEqualTo(new Billing(6, 2, 40)).isEqualTo(job.billing());
  }

  @Test
  void a_directory_file_store_runs_a_job_and_keeps_only_its_output(@TempDir Path dir) throws Exception {
    engine.close();
    engine = ModelRunEngine.builder().model(new RecordsTestModel(3)).fileStore(new DirectoryFileStore(dir))
        .recordsPerWorkUnit(1).workers(2).build();
    Job job = submit(RECORDS, RecordFormat.NDJSON, "{\"id\":1,\"name\":\"a\",\"ok\":true,\"score\":1}\n"
        + "{\"id\":2,\"name\":\"b\",\"ok\":true,\"score\":1}\n{\"id\":3,\"name\":\"c\",\"ok\":true,\"score\":1}\n"
        + "{\"id\":4,\"name\":\"d\",\"ok\":true,\"score\":1}\n");
    engine.await(job.id(), WAIT);

    assertThat(output(job.id())).hasLineCount(4).startsWith("{\"id\":1,").contains("{\"id\":4,");
    assertThat(dir.resolve(job.id().value()).resolve(JobFiles.RECORDS)).doesNotExist();
    assertThat(dir.resolve(job.id().value()).resolve("part-1")).exists();
  }

  private Job submit(ModelRef model, RecordFormat format, String content) {
    return submit(model, format, content, List.of(), List.of());
  }

  private Job submit(ModelRef model, RecordFormat format, String content, List<FieldMapping> mapping,
      List<FieldMapping> outputMapping) {
    return engine.submit(command(model, format, content, mapping, outputMapping)).job().job();
  }

  private static SubmitJobCommand command(ModelRef model, RecordFormat format, String content,
      List<FieldMapping> mapping, List<FieldMapping> outputMapping) {
    String extension = format == RecordFormat.JSON_ARRAY ? ".json" : format == RecordFormat.NDJSON ? ".ndjson"
        : ".csv";
    return SubmitJobCommand.of(ALICE, new JobRequest(model, JobSpec.defaults(), new UploadedFileInput(
        "data" + extension, format, ByteSource.wrap(content.getBytes(UTF_8)), mapping, outputMapping)));
  }

  private void assertRefused(ModelRef model, RecordFormat format, String content, List<FieldMapping> mapping,
      List<FieldMapping> outputMapping, String message) {
    assertThatThrownBy(() -> submit(model, format, content, mapping, outputMapping))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining(message);
  }

  private OutputFile download(JobId id) {
    URI link = engine.resultLink(ALICE, id);
    String query = link.getQuery();
    long expires = Long.parseLong(query.replaceAll(".*expires=(\\d+).*", "$1"));
    String signature = query.replaceAll(".*sig=([0-9a-f]+).*", "$1");
    return engine.download(id, expires, signature);
  }

  private String output(JobId id) throws IOException, InterruptedException {
    assertThat(engine.await(id, WAIT).status()).isEqualTo(JobStatus.COMPLETED);
    return download(id).content().asCharSource(UTF_8).read();
  }
}
