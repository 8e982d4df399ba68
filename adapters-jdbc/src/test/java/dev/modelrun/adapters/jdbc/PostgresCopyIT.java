package dev.modelrun.adapters.jdbc;

import static dev.modelrun.engine.testkit.Jobs.T0;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.io.ByteSource;
import dev.modelrun.adapters.jdbc.FileReferences.FileContent;
import dev.modelrun.core.model.InputData;
import dev.modelrun.core.model.InputItem;
import dev.modelrun.core.model.Job;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.port.out.WorkQueue.Claim;
import dev.modelrun.engine.testkit.EchoModel;
import dev.modelrun.engine.testkit.Jobs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A submit's item and input rows, which go to PostgreSQL by COPY: values that COPY's text format must escape come back
 * as they went in, and a submit that fails part way leaves none of its rows.
 */
class PostgresCopyIT {
  /** Names that a copy without the right escaping would split, join, shorten, or read as null or end of data. */
  static final List<String> AWKWARD = List.of("tab\there", "new\nline", "carriage\rreturn", "crlf\r\n",
      "back\\slash", "\\", "\\N", "\\.", "\\x41", "ends with \\", "\\t not a tab", "naïve café", "日本語の項目",
      "emoji 🎉 pair", "'quoted' \"double\"", " leading and trailing spaces ", ",semi;colon|pipe", "\u0001\u001f");

  private static JdbcConfig config;
  private static JdbcStores stores;

  @TempDir
  Path dir;

  @BeforeAll
  static void openDatabase() {
    config = TestDatabases.postgres();
    stores = JdbcStores.open(config, null, List.of(new FileReferences()));
  }

  @AfterAll
  static void dropDatabase() {
    TestDatabases.dispose(stores, config);
  }

  @BeforeEach
  void emptyTables() {
    TestDatabases.truncate(stores);
  }

  @Test
  void item_names_that_copy_must_escape_come_back_as_submitted() {
    Job job = Jobs.submitted().items(AWKWARD.size()).build();

    stores.jobStore().create(job, AWKWARD);

    assertThat(stores.jobStore().itemNames(job.id())).containsExactlyElementsOf(AWKWARD);
    Claim claim = stores.jobStore().claim("w1", Map.of(EchoModel.DESCRIPTOR.ref(), 100), T0, Duration.ofMinutes(1))
        .orElseThrow();
    assertThat(claim.items()).containsExactlyElementsOf(AWKWARD);
    assertThat(stores.jobStore().find(job.id()).orElseThrow().counters().inProgress()).isEqualTo(AWKWARD.size());
  }

  @Test
  void inputs_that_copy_must_escape_come_back_as_submitted() throws Exception {
    JobId job = JobId.of(UUID.randomUUID());
    byte[] everyByte = new byte[512];
    for (int i = 0; i < everyByte.length; i++) {
      everyByte[i] = (byte) i;
    }
    byte[] backslashes = "\\x00\\\\\n\t\r\\.".getBytes(UTF_8);
    Path file = Files.writeString(dir.resolve("referenced\ttab.txt"), "by reference", UTF_8);
    List<InputItem> items = new ArrayList<>();
    for (int i = 0; i < AWKWARD.size(); i++) {
      Map<String, InputData> inputs = new LinkedHashMap<>();
      inputs.put("every byte", InputData.bytes("application/octet-stream", everyByte));
      inputs.put(AWKWARD.get(i), InputData.bytes("text/plain; charset=\"utf-8\"\t\\", backslashes));
      inputs.put("empty", InputData.bytes("application/x-empty", new byte[0]));
      inputs.put("text", InputData.text(AWKWARD.get(i)));
      inputs.put("referenced", new InputData("text/plain", 12, new FileContent(file)));
      items.add(new InputItem(AWKWARD.get(i), inputs));
    }

    stores.inputStore().put(job, items);

    for (int i = 0; i < AWKWARD.size(); i++) {
      String name = AWKWARD.get(i);
      Map<String, InputData> read = stores.inputStore().item(job, name).orElseThrow().inputs();
      assertThat(read.keySet()).containsExactlyInAnyOrder("every byte", name, "empty", "text", "referenced");
      assertThat(read.get("every byte").content().read()).isEqualTo(everyByte);
      assertThat(read.get("every byte").size()).isEqualTo(everyByte.length);
      assertThat(read.get(name).content().read()).isEqualTo(backslashes);
      assertThat(read.get(name).mediaType()).isEqualTo("text/plain; charset=\"utf-8\"\t\\");
      assertThat(read.get("empty").content().read()).isEmpty();
      assertThat(read.get("text").content().asCharSource(UTF_8).read()).isEqualTo(name);
      assertThat(read.get("referenced").content().asCharSource(UTF_8).read()).isEqualTo("by reference");
      assertThat(read.get("referenced").size()).isEqualTo(12);
    }
    assertThat(referenceKinds(job)).containsOnly(FileReferences.KIND, null);
  }

  @Test
  void a_submit_whose_items_the_database_refuses_leaves_neither_job_nor_items() throws Exception {
    List<String> names = new ArrayList<>(Jobs.itemNames(20_000));
    // why: PostgreSQL text holds no NUL character; the server refuses the copy near its end, after most rows.
    names.set(19_990, "nul\u0000inside");
    Job job = Jobs.submitted().items(names.size()).build();

    assertThatThrownBy(() -> stores.jobStore().create(job, names)).isInstanceOf(StoreException.class);

    assertThat(stores.jobStore().find(job.id())).isEmpty();
    assertThat(count("mr_item", job.id())).isZero();
    assertConnectionsStillWork();
  }

  @Test
  void a_put_whose_input_cannot_be_read_part_way_leaves_the_inputs_stored_before() throws Exception {
    JobId job = JobId.of(UUID.randomUUID());
    stores.inputStore().put(job, List.of(new InputItem("before", Map.of("input.txt", InputData.text("kept")))));
    List<InputItem> items = new ArrayList<>(IntStream.range(0, 20_000)
        .mapToObj(i -> new InputItem("item-" + i, Map.of("input.txt", InputData.text("value " + i)))).toList());
    items.set(19_990, new InputItem("unreadable", Map.of("input.txt", new InputData("text/plain", 3,
        new ByteSource() {
          @Override
          public InputStream openStream() throws IOException {
            throw new IOException("the disk went away");
          }
        }))));

    assertThatThrownBy(() -> stores.inputStore().put(job, items)).isInstanceOf(StoreException.class)
        .hasMessageContaining("unreadable");

    assertThat(count("mr_input", job)).isOne();
    assertThat(stores.inputStore().item(job, "before").orElseThrow().inputs().get("input.txt").content()
        .asCharSource(UTF_8).read()).isEqualTo("kept");
    assertConnectionsStillWork();
  }

  /** Every pooled connection, the one whose copy failed among them, can still store a job. */
  private static void assertConnectionsStillWork() {
    for (int i = 0; i < 2 * config.maxPoolSize(); i++) {
      Job job = Jobs.submitted().items(3).build();
      stores.jobStore().create(job, List.of("a\tb", "c", "d"));
      assertThat(stores.jobStore().itemNames(job.id())).containsExactly("a\tb", "c", "d");
    }
  }

  private static long count(String table, JobId job) throws SQLException {
    try (Connection connection = stores.dataSource().getConnection();
        PreparedStatement statement = connection.prepareStatement(
            "SELECT COUNT(*) FROM " + table + " WHERE job_id = ?")) {
      statement.setObject(1, JobRows.uuid(job));
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  private static List<String> referenceKinds(JobId job) throws SQLException {
    try (Connection connection = stores.dataSource().getConnection();
        PreparedStatement statement = connection.prepareStatement(
            "SELECT DISTINCT reference_kind FROM mr_input WHERE job_id = ?")) {
      statement.setObject(1, JobRows.uuid(job));
      List<String> kinds = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          kinds.add(rows.getString(1));
        }
      }
      return kinds;
    }
  }
}
