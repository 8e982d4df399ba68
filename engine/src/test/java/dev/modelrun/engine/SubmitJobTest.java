package dev.modelrun.engine;

import static dev.modelrun.engine.Fixtures.WAIT;
import static dev.modelrun.engine.Fixtures.items;
import static dev.modelrun.engine.Fixtures.text;
import static dev.modelrun.engine.testkit.Jobs.ALICE;
import static dev.modelrun.engine.testkit.Jobs.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.io.ByteSource;
import dev.modelrun.core.model.ConflictException;
import dev.modelrun.core.model.EmbeddedInput;
import dev.modelrun.core.model.InputData;
import dev.modelrun.core.model.InputItem;
import dev.modelrun.core.model.InvalidInputException;
import dev.modelrun.core.model.ItemSuccess;
import dev.modelrun.core.model.Job;
import dev.modelrun.core.model.JobCounters;
import dev.modelrun.core.model.JobInput;
import dev.modelrun.core.model.JobQuery;
import dev.modelrun.core.model.JobRequest;
import dev.modelrun.core.model.JobSpec;
import dev.modelrun.core.model.JobStatus;
import dev.modelrun.core.model.ModelDescriptor;
import dev.modelrun.core.model.ModelInput;
import dev.modelrun.core.model.ModelNotFoundException;
import dev.modelrun.core.model.ModelOutput;
import dev.modelrun.core.model.ModelRef;
import dev.modelrun.core.model.RecordFormat;
import dev.modelrun.core.model.S3Credentials;
import dev.modelrun.core.model.S3Input;
import dev.modelrun.core.model.S3Location;
import dev.modelrun.core.model.Secret;
import dev.modelrun.core.model.TextInput;
import dev.modelrun.core.model.UploadedFileInput;
import dev.modelrun.core.port.in.JobResults;
import dev.modelrun.core.port.in.Submission;
import dev.modelrun.core.port.in.SubmitJobCommand;
import dev.modelrun.core.port.out.InputSource;
import dev.modelrun.engine.testkit.EchoModel;
import dev.modelrun.engine.testkit.TabularTestModel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SubmitJobTest {
  private static final ModelRef ECHO = EchoModel.DESCRIPTOR.ref();
  private static final ModelDescriptor TWO_INPUTS = new ModelDescriptor(ModelRef.of("two", "1.0.0"), "Two",
      "two inputs", List.of(new ModelInput("input.txt", List.of("text/plain"), 100),
          new ModelInput("extra.txt", List.of("text/*"), 100)),
      List.of(new ModelOutput("results.json", "text/plain")), List.of(), List.of(), false, false,
      EchoModel.DESCRIPTOR.pricing(), EchoModel.DESCRIPTOR.timeouts());

  private final InMemoryJobStore jobs = new InMemoryJobStore();
  private final InMemoryInputStore inputs = new InMemoryInputStore();
  private final InMemoryResultStore results = new InMemoryResultStore();
  private final S3Source s3 = new S3Source();
  private final ModelRunEngine engine = ModelRunEngine.builder()
      .model(new EchoModel())
      .model(new EchoModel(TWO_INPUTS))
      .model(new TabularTestModel())
      .model(EchoModel.explaining("explainer"))
      .jobStore(jobs)
      .inputStore(inputs)
      .resultStore(results)
      .inputSource(s3)
      .workers(2)
      .build();

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void runs_a_text_job_end_to_end() throws Exception {
    Submission submission = engine.submit(text(ECHO, Map.of("a", "hello", "b", "world")));

    Job job = engine.await(submission.job().job().id(), WAIT);
    JobResults view = engine.results(ALICE, job.id());

    assertThat(submission.replayed()).isFalse();
    assertThat(submission.job().job().status()).isEqualTo(JobStatus.SUBMITTED);
    assertThat(submission.job().inputNames()).containsExactlyInAnyOrder("a", "b");
    assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(job.counters()).isEqualTo(new JobCounters(2, 0, 0, 2, 0));
    assertThat(job.inputByteAmount()).isEqualTo(10);
    assertThat(job.billing().billedUsage()).isEqualTo(2);
    assertThat(view.finished()).isTrue();
    assertThat(view.failures()).isEmpty();
    assertThat(view.results().get("a").outputs().get("results.json").text()).isEqualTo("hello");
    assertThat(view.results().get("b").outputs().get("results.json").text()).isEqualTo("world");
    assertThat(engine.get(ALICE, job.id()).queueTime().isNegative()).isFalse();
  }

  @Test
  void runs_an_embedded_job_with_and_without_a_data_prefix() throws Exception {
    String plain = Base64.getEncoder().encodeToString("plain".getBytes(StandardCharsets.UTF_8));
    String prefixed = "data:text/plain;charset=utf-8;base64,"
        + Base64.getEncoder().encodeToString("prefixed".getBytes(StandardCharsets.UTF_8));
    SubmitJobCommand command = SubmitJobCommand.of(ALICE, new JobRequest(ECHO, JobSpec.defaults(),
        new EmbeddedInput(Map.of("p", Map.of("input.txt", plain), "q", Map.of("input.txt", prefixed)))));

    Job job = engine.await(engine.submit(command).job().job().id(), WAIT);

    JobResults view = engine.results(ALICE, job.id());
    assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(view.results().get("p").outputs().get("results.json").text()).isEqualTo("plain");
    assertThat(view.results().get("q").outputs().get("results.json").text()).isEqualTo("prefixed");
  }

  @Test
  void explains_when_the_model_can() throws Exception {
    SubmitJobCommand command = text(ALICE, ModelRef.of("explainer", "1.0.0"), JobSpec.defaults().withExplain(true),
        Map.of("a", "abc"));

    Job job = engine.await(engine.submit(command).job().job().id(), WAIT);

    assertThat(engine.itemResult(ALICE, job.id(), "a")).isInstanceOfSatisfying(ItemSuccess.class,
        success -> assertThat(success.outputs().get("results.json").text()).isEqualTo("abc|cba"));
  }

  @Test
  void refuses_bad_requests_and_stores_nothing() {
    String tooLong = "x".repeat(EchoModel.MAX_SIZE + 1);
    String tooLongBase64 = Base64.getEncoder().encodeToString(new byte[EchoModel.MAX_SIZE + 1]);
    S3Credentials credentials = new S3Credentials("id", Secret.of("secret"), "eu-west-1");

    assertRefused(text(ModelRef.of("nope", "1.0.0"), Map.of("a", "x")), ModelNotFoundException.class,
        "model 'nope' not found");
    assertRefused(text(ModelRef.of("echo", "9.9.9"), Map.of("a", "x")), ModelNotFoundException.class,
        "version '9.9.9' of model 'echo' not found");
    assertRefused(request(ECHO, new TextInput(Map.of("a", Map.of("other.txt", "x")))),
        InvalidInputException.class, "input.sources.a.other.txt is not an input of model echo@1.0.0");
    assertRefused(request(TWO_INPUTS.ref(), new TextInput(Map.of("a", Map.of("input.txt", "x")))),
        InvalidInputException.class, "input.sources.a must give model input 'extra.txt'");
    assertRefused(text(ALICE, ECHO, JobSpec.defaults().withExplain(true), Map.of("a", "x")),
        InvalidInputException.class, "cannot explain");
    assertRefused(text(ECHO, Map.of("a", "ok", "b", tooLong)), InvalidInputException.class,
        "input.sources.b.input.txt");
    assertRefused(request(ECHO, new EmbeddedInput(Map.of("a", Map.of("input.txt", tooLongBase64)))),
        InvalidInputException.class, "over the maximum of 1024 bytes");
    assertRefused(request(ECHO, new EmbeddedInput(Map.of("a", Map.of("input.txt", "not base64!")))),
        InvalidInputException.class, "input.sources.a.input.txt is not valid base64");
    assertRefused(request(ECHO, new EmbeddedInput(Map.of("a", Map.of("input.txt",
        "data:image/png;base64,AAAA")))), InvalidInputException.class, "has media type 'image/png'");
    assertRefused(request(TabularTestModel.DESCRIPTOR.ref(), new TextInput(Map.of("a", Map.of("x", "1")))),
        InvalidInputException.class, "tabular model");
    assertRefused(request(ECHO, new UploadedFileInput("f.csv",
        RecordFormat.CSV_WITH_HEADER, ByteSource.wrap("x,y\n1,2\n".getBytes(StandardCharsets.UTF_8)), List.of(),
        List.of())), InvalidInputException.class, "model echo@1.0.0 runs on items, not on the records");
    assertRefused(request(ECHO, new dev.modelrun.core.model.S3FolderInput(credentials,
        Map.of("r", Map.of("input.txt", new S3Location("bucket", "folder/"))))), InvalidInputException.class,
        "input type 'aws-s3-folder'");

    assertThat(jobs.history(ALICE, JobQuery.all()).totalCount()).isZero();
    assertThat(s3.calls).hasValue(0);
  }

  @Test
  void refuses_a_job_with_more_items_than_the_limit() {
    try (ModelRunEngine small = ModelRunEngine.builder().model(new EchoModel()).jobStore(jobs).maxItemsPerJob(2)
        .build()) {
      assertThatThrownBy(() -> small.submit(text(ECHO, items(3)))).isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("over the maximum of 2 items per job");
    }
    assertThat(jobs.history(ALICE, JobQuery.all()).totalCount()).isZero();
  }

  @Test
  void resolves_other_input_types_through_their_input_source() throws Exception {
    S3Credentials credentials = new S3Credentials("id", Secret.of("secret"), "eu-west-1");
    SubmitJobCommand command = request(ECHO, new S3Input(credentials,
        Map.of("doc", Map.of("input.txt", new S3Location("bucket", "doc.txt")))));

    Job job = engine.await(engine.submit(command).job().job().id(), WAIT);

    assertThat(s3.calls).hasValue(1);
    assertThat(job.input().type()).isEqualTo("aws-s3");
    assertThat(engine.itemResult(ALICE, job.id(), "doc")).isInstanceOfSatisfying(ItemSuccess.class,
        success -> assertThat(success.outputs().get("results.json").text()).isEqualTo("bucket/doc.txt"));
  }

  @Test
  void a_repeated_idempotency_key_answers_the_first_job_and_creates_nothing() {
    SubmitJobCommand first = keyed(ALICE, "key-1", "fingerprint-1");

    Submission original = engine.submit(first);
    Submission repeat = engine.submit(keyed(ALICE, "key-1", "fingerprint-1"));
    Submission otherCaller = engine.submit(keyed(BOB, "key-1", "fingerprint-1"));

    assertThat(repeat.replayed()).isTrue();
    assertThat(repeat.job().job().id()).isEqualTo(original.job().job().id());
    assertThat(otherCaller.replayed()).isFalse();
    assertThat(jobs.history(ALICE, JobQuery.all()).totalCount()).isEqualTo(1);
    assertThatThrownBy(() -> engine.submit(keyed(ALICE, "key-1", "fingerprint-2")))
        .isInstanceOf(ConflictException.class).hasMessageContaining("key-1");
    assertThat(jobs.history(ALICE, JobQuery.all()).totalCount()).isEqualTo(1);
  }

  private static SubmitJobCommand keyed(dev.modelrun.core.model.CallerIdentity caller, String key, String print) {
    return new SubmitJobCommand(caller, new JobRequest(ECHO, JobSpec.defaults(),
        new TextInput(Map.of("a", Map.of("input.txt", "x")))), key, print);
  }

  private static SubmitJobCommand request(ModelRef model, JobInput input) {
    return SubmitJobCommand.of(ALICE, new JobRequest(model, JobSpec.defaults(), input));
  }

  private void assertRefused(SubmitJobCommand command, Class<? extends Exception> type, String message) {
    assertThatThrownBy(() -> engine.submit(command)).isInstanceOf(type).hasMessageContaining(message);
  }

  /** An {@code aws-s3} source that answers each object's bucket and key as its text. */
  private static final class S3Source implements InputSource<S3Input> {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public Class<S3Input> inputType() {
      return S3Input.class;
    }

    @Override
    public List<InputItem> resolve(S3Input input, ModelDescriptor model) {
      calls.incrementAndGet();
      return input.sources().entrySet().stream()
          .map(item -> new InputItem(item.getKey(), Map.of("input.txt", InputData.text(
              item.getValue().get("input.txt").bucket() + "/" + item.getValue().get("input.txt").key()))))
          .toList();
    }
  }
}
