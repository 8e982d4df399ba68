package dev.modelrun.adapters.jdbc.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelrun.core.billing.Pricing;
import dev.modelrun.core.model.InputData;
import dev.modelrun.core.model.InputItem;
import dev.modelrun.core.model.InvalidInputException;
import dev.modelrun.core.model.JdbcInput;
import dev.modelrun.core.model.Job;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.model.JobRequest;
import dev.modelrun.core.model.JobSpec;
import dev.modelrun.core.model.JobStatus;
import dev.modelrun.core.model.ModelDescriptor;
import dev.modelrun.core.model.ModelInput;
import dev.modelrun.core.model.ModelOutput;
import dev.modelrun.core.model.ModelRef;
import dev.modelrun.core.model.ModelTimeouts;
import dev.modelrun.core.model.Secret;
import dev.modelrun.core.port.in.JobResults;
import dev.modelrun.core.port.in.SubmitJobCommand;
import dev.modelrun.engine.ModelRunEngine;
import dev.modelrun.engine.testkit.EchoModel;
import dev.modelrun.engine.testkit.Jobs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the jdbc input source does against a real database; one subclass per database gives its SQL. Each test uses
 * its own table, created before it and dropped after it.
 */
abstract class JdbcInputSourceContract {
  static final ModelDescriptor ECHO = EchoModel.DESCRIPTOR;
  static final ModelDescriptor TYPED = new ModelDescriptor(ModelRef.of("typed", "1.0.0"), "Typed", "typed inputs",
      List.of(text("whole"), text("big"), text("decimal"), text("real"), text("flag"), text("day")),
      List.of(new ModelOutput("results.json", "text/plain")), List.of(), List.of(), false, false, Pricing.of(1, 1),
      ModelTimeouts.of(Duration.ofSeconds(1), Duration.ofSeconds(10)));
  static final ModelDescriptor BYTES = new ModelDescriptor(ModelRef.of("bytes", "1.0.0"), "Bytes", "binary input",
      List.of(new ModelInput("image", List.of("image/png"), 64)),
      List.of(new ModelOutput("results.json", "text/plain")), List.of(), List.of(), false, false, Pricing.of(1, 1),
      ModelTimeouts.of(Duration.ofSeconds(1), Duration.ofSeconds(10)));

  final JdbcInputSource source = new JdbcInputSource(JdbcSourcePolicy.defaults());
  String table;

  abstract TestDatabase database();

  /** The label quoted as an identifier of this database. */
  abstract String quote(String label);

  abstract String binaryType();

  /** A query that takes {@code seconds} seconds and gives one text column labelled input.txt. */
  abstract String sleepQuery(int seconds);

  /** Inserts rows (id, body) = (i, 'text-i') for i in 1..count into {@code table}. */
  abstract void insertGenerated(String table, int count);

  /** A login this database refuses (the test may create a user for it and drop it afterwards). */
  abstract JdbcInput wrongCredentials(String query);

  /** A login this database accepts with {@code password} (the test may create a user for it). */
  abstract JdbcInput withPassword(String password, String query);

  @BeforeEach
  void createTable() {
    database().requireReachable();
    table = TestDatabase.uniqueName("mr_source");
    database().execute("create table " + table + " (id integer primary key, body varchar(200), other varchar(20))");
  }

  @AfterEach
  void dropTable() {
    if (table != null) {
      database().execute("drop table if exists " + table);
    }
  }

  JdbcInput input(String query) {
    return new JdbcInput(database().url, database().user, Secret.of(""), database().driver, query);
  }

  JdbcInput input(String query, String password) {
    return new JdbcInput(database().url, database().user, Secret.of(password), database().driver, query);
  }

  String bodies() {
    return "select body as " + quote("input.txt") + ", other, id from " + table + " order by id";
  }

  @Test
  void reads_each_row_as_an_item_named_by_its_row_number_with_its_text_column() throws IOException {
    database().execute("insert into " + table + " values (10, 'I love it', 'x'), (20, 'ünïcødé ✓', 'y'), "
        + "(30, '', 'z')");

    List<InputItem> items = source.resolve(input(bodies()), ECHO);

    assertThat(items).extracting(InputItem::name).containsExactly("1", "2", "3");
    assertThat(texts(items, "input.txt")).containsExactly("I love it", "ünïcødé ✓", "");
    assertThat(items).allSatisfy(item -> {
      assertThat(item.inputs()).containsOnlyKeys("input.txt");
      assertThat(item.inputs().get("input.txt").mediaType()).isEqualTo("text/plain");
    });
  }

  @Test
  void matches_a_column_to_its_model_input_in_any_case_when_only_one_matches() throws IOException {
    database().execute("insert into " + table + " values (1, 'hello', 'x')");

    List<InputItem> items = source.resolve(input("select body as " + quote("INPUT.TXT") + " from " + table), ECHO);

    assertThat(texts(items, "input.txt")).containsExactly("hello");
  }

  @Test
  void gives_numbers_booleans_and_dates_as_their_text() throws IOException {
    String typed = TestDatabase.uniqueName("mr_typed");
    database().execute("create table " + typed + " (whole integer, big bigint, dec_value decimal(10,2), "
        + "real_value double precision, flag boolean, day date)");
    try {
      database().execute("insert into " + typed + " values (42, 9007199254740993, 12.50, 1.5, true, "
          + "'2024-02-29'), (-7, -1, 0.05, -0.25, false, '1999-12-31')");

      List<InputItem> items = source.resolve(input("select whole, big, dec_value as " + quote("decimal")
          + ", real_value as " + quote("real") + ", flag, day from " + typed + " order by whole desc"), TYPED);

      assertThat(texts(items, "whole")).containsExactly("42", "-7");
      assertThat(texts(items, "big")).containsExactly("9007199254740993", "-1");
      assertThat(texts(items, "decimal")).containsExactly("12.50", "0.05");
      assertThat(texts(items, "real")).containsExactly("1.5", "-0.25");
      assertThat(texts(items, "flag")).containsExactly("true", "false");
      assertThat(texts(items, "day")).containsExactly("2024-02-29", "1999-12-31");
    } finally {
      database().execute("drop table " + typed);
    }
  }

  @Test
  void gives_binary_columns_as_their_bytes() throws IOException {
    String blobs = TestDatabase.uniqueName("mr_blobs");
    database().execute("create table " + blobs + " (id integer, image " + binaryType() + ")");
    try {
      database().execute("insert into " + blobs + " values (1, " + hex("89504e470d0a1a0a00ff") + ")");

      List<InputItem> items = source.resolve(input("select image from " + blobs), BYTES);

      InputData image = items.getFirst().inputs().get("image");
      assertThat(image.mediaType()).isEqualTo("application/octet-stream");
      assertThat(image.content().read()).containsExactly(0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff);
    } finally {
      database().execute("drop table " + blobs);
    }
  }

  /** A literal of this database for the given bytes in hex. */
  abstract String hex(String hexDigits);

  @Test
  void refuses_a_null_naming_its_row_and_column() {
    database().execute("insert into " + table + " values (1, 'fine', 'x'), (2, null, 'y')");

    assertThatThrownBy(() -> source.resolve(input(bodies()), ECHO))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("row 2")
        .hasMessageContaining("column 'input.txt' is NULL");
  }

  @Test
  void ignores_nulls_in_columns_that_feed_no_model_input() throws IOException {
    database().execute("insert into " + table + " values (1, 'fine', null)");

    assertThat(texts(source.resolve(input(bodies()), ECHO), "input.txt")).containsExactly("fine");
  }

  @Test
  void refuses_a_model_input_that_no_column_gives_naming_it() {
    database().execute("insert into " + table + " values (1, 'fine', 'x')");

    assertThatThrownBy(() -> source.resolve(input("select body, other from " + table), ECHO))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("no column for model input 'input.txt'")
        .hasMessageContaining("[body, other]");
  }

  @Test
  void refuses_a_text_column_for_an_input_that_takes_only_images() {
    database().execute("insert into " + table + " values (1, 'not an image', 'x')");

    assertThatThrownBy(() -> source.resolve(input("select body as image from " + table), BYTES))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("model input 'image' does not accept");
  }

  @Test
  void refuses_a_value_over_the_model_inputs_maximum_size_naming_its_row() {
    database().execute("insert into " + table + " values (1, 'short', 'x')");
    String tooLong = "x".repeat(EchoModel.MAX_SIZE + 1);

    assertThatThrownBy(() -> source.resolve(input("select '" + tooLong + "' as " + quote("input.txt")), ECHO))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("row 1, column 'input.txt' is " + (EchoModel.MAX_SIZE + 1) + " bytes");
  }

  @Test
  void refuses_an_empty_result() {
    assertThatThrownBy(() -> source.resolve(input(bodies()), ECHO))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("gives no rows");
  }

  @Test
  void reports_a_failing_query_with_the_databases_message() {
    assertThatThrownBy(() -> source.resolve(input("select body as x from " + table + "_missing"), ECHO))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("input.query failed: ")
        .hasMessageContaining(table + "_missing");
  }

  @Test
  void cleans_the_password_out_of_database_messages() {
    String password = TestDatabase.uniqueName("pw_secret");

    assertThatThrownBy(() -> source.resolve(withPassword(password, "select x from " + password), ECHO))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("input.query failed")
        .hasMessageContaining(DatabaseErrors.MASK)
        .hasMessageNotContaining(password)
        .satisfies(e -> assertThat(String.valueOf(e.getCause())).doesNotContain(password));
  }

  @Test
  void refuses_a_wrong_password_with_a_clean_message() {
    JdbcInput wrong = wrongCredentials("select 'x' as " + quote("input.txt"));

    assertThatThrownBy(() -> source.resolve(wrong, ECHO))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("input.username and input.password: the database refused the login")
        .hasMessageNotContaining(wrong.password().value());
  }

  @Test
  void reports_an_unreachable_database() {
    String unreachable = database().url.replaceFirst(":[0-9]+/", ":1/");
    JdbcInput input = new JdbcInput(unreachable, database().user, Secret.of(""), database().driver, bodies());

    assertThatThrownBy(() -> source.resolve(input, ECHO))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("input.url: could not connect to the database");
  }

  @Test
  void times_out_a_slow_query() {
    JdbcInputSource impatient = new JdbcInputSource(JdbcSourcePolicy.defaults().withQueryTimeout(
        Duration.ofSeconds(1)));

    assertThatThrownBy(() -> impatient.resolve(input(sleepQuery(5)), ECHO))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("input.query timed out");
  }

  @Test
  void reads_up_to_the_maximum_rows_and_refuses_more() throws IOException {
    insertGenerated(table, 4);
    String firstThree = "select body as " + quote("input.txt") + " from " + table + " where id <= 3 order by id";

    assertThat(texts(new JdbcInputSource(JdbcSourcePolicy.defaults().withMaxRows(3)).resolve(input(firstThree),
        ECHO), "input.txt")).containsExactly("text-1", "text-2", "text-3");
    assertThatThrownBy(() -> new JdbcInputSource(JdbcSourcePolicy.defaults().withMaxRows(3))
        .resolve(input(bodies()), ECHO))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("more than the maximum of 3 rows (MODELRUN_JDBC_SOURCE_MAX_ROWS)");
  }

  @Test
  void runs_nothing_of_a_query_with_a_second_statement() {
    database().execute("insert into " + table + " values (1, 'kept', 'x')");

    assertThatThrownBy(() -> source.resolve(input(bodies() + "; drop table " + table), ECHO))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("single statement");
    assertThat(database().count(table)).isEqualTo(1);
  }

  @Test
  void reads_on_a_read_only_connection_that_refuses_writes() throws IOException {
    database().execute("insert into " + table + " values (1, 'kept', 'x')");

    assertThatThrownBy(() -> source.resolve(input("update " + table + " set body = 'changed'"), ECHO))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("input.query failed");
    assertThatThrownBy(() -> source.resolve(input("create table " + table + "_new (id integer)"), ECHO))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("input.query failed");
    assertThat(texts(source.resolve(input(bodies()), ECHO), "input.txt")).containsExactly("kept");
  }

  @Test
  void runs_a_job_of_100000_rows_through_the_engine() throws Exception {
    insertGenerated(table, 100_000);
    try (ModelRunEngine engine = ModelRunEngine.builder().model(new EchoModel()).inputSource(source).build()) {
      JobRequest request = new JobRequest(ECHO.ref(), JobSpec.defaults(), input(bodies()));

      JobId id = engine.submit(SubmitJobCommand.of(Jobs.ALICE, request)).job().job().id();
      Job done = engine.await(id, Duration.ofMinutes(3));

      assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
      assertThat(done.counters().total()).isEqualTo(100_000);
      assertThat(done.counters().completed()).isEqualTo(100_000);
      assertThat(done.input().type()).isEqualTo("jdbc");
      JobResults results = engine.results(Jobs.ALICE, id);
      assertThat(results.results().get("1").outputs().get("results.json").text()).isEqualTo("text-1");
      assertThat(results.results().get("100000").outputs().get("results.json").text()).isEqualTo("text-100000");
    }
  }

  static List<String> texts(List<InputItem> items, String input) throws IOException {
    List<String> texts = new ArrayList<>();
    for (InputItem item : items) {
      texts.add(item.inputs().get(input).content().asCharSource(StandardCharsets.UTF_8).read());
    }
    return texts;
  }

  static ModelInput text(String name) {
    return new ModelInput(name, List.of("text/plain"), 1024);
  }
}
