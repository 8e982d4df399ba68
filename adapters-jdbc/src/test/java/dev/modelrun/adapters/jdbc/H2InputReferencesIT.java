package dev.modelrun.adapters.jdbc;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelrun.adapters.jdbc.FileReferences.FileContent;
import dev.modelrun.core.model.InputData;
import dev.modelrun.core.model.InputItem;
import dev.modelrun.core.model.JobId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs kept as references (as S3 items are) in the JDBC input store on H2: stored, reopened, migrated. */
class H2InputReferencesIT {
  private final JdbcConfig config = TestDatabases.h2();
  private final JobId job = JobId.of(UUID.randomUUID());
  private JdbcStores stores;

  @TempDir
  Path dir;

  @AfterEach
  void close() {
    TestDatabases.dispose(stores, config);
  }

  private Path file(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text, UTF_8);
  }

  private static InputItem item(String name, InputData data) {
    return new InputItem(name, Map.of("input.txt", data));
  }

  private static String read(InputItem item) throws IOException {
    return item.inputs().get("input.txt").content().asCharSource(UTF_8).read();
  }

  @Test
  void referenced_content_is_kept_as_its_reference_and_read_only_when_the_item_is() throws Exception {
    stores = JdbcStores.open(config, null, List.of(new FileReferences()));
    Path file = file("a.txt", "submitted");
    FileContent content = new FileContent(file);

    stores.inputStore().put(job, List.of(item("a", new InputData("text/plain", 9, content)),
        item("b", InputData.text("inline"))));
    Files.writeString(file, "read at run time", UTF_8);
    InputItem a = stores.inputStore().item(job, "a").orElseThrow();

    assertThat(content.reads).hasValue(0);
    assertThat(row("a")).isEqualTo(new Row(file.toString(), FileReferences.KIND, 9));
    assertThat(row("b")).isEqualTo(new Row("inline", null, 6));
    assertThat(a.inputs().get("input.txt").size()).isEqualTo(9);
    assertThat(a.inputs().get("input.txt").mediaType()).isEqualTo("text/plain");
    assertThat(read(a)).isEqualTo("read at run time");
    assertThat(read(stores.inputStore().item(job, "b").orElseThrow())).isEqualTo("inline");
  }

  @Test
  void the_references_of_items_asked_for_together_are_opened_together() throws Exception {
    FileReferences references = new FileReferences();
    stores = JdbcStores.open(config, null, List.of(references));
    stores.inputStore().put(job, List.of(item("a", new InputData("text/plain", 5, new FileContent(file("a.txt",
        "first")))), item("b", InputData.text("inline")), item("c", new InputData("text/plain", 5,
        new FileContent(file("c.txt", "third"))))));

    Map<String, InputItem> items = stores.inputStore().items(job, List.of("c", "gone", "a", "b"));

    assertThat(items.keySet()).containsExactly("c", "a", "b");
    assertThat(read(items.get("a"))).isEqualTo("first");
    assertThat(read(items.get("b"))).isEqualTo("inline");
    assertThat(read(items.get("c"))).isEqualTo("third");
    assertThat(items.get("c").inputs().get("input.txt").size()).isEqualTo(5);
    assertThat(references.openedTogether).as("one call for the two references").containsExactly(2);
  }

  @Test
  void a_store_given_no_references_of_that_kind_stores_the_bytes_read_once_at_submit() throws Exception {
    stores = JdbcStores.open(config);
    Path file = file("a.txt", "submitted");
    FileContent content = new FileContent(file);

    stores.inputStore().put(job, List.of(item("a", new InputData("text/plain", 9, content))));
    Files.writeString(file, "changed later", UTF_8);

    assertThat(content.reads).hasValue(1);
    assertThat(row("a")).isEqualTo(new Row("submitted", null, 9));
    assertThat(read(stores.inputStore().item(job, "a").orElseThrow())).isEqualTo("submitted");
  }

  @Test
  void a_reference_outlives_its_stores_and_one_opened_without_its_kind_fails_the_item_that_reads_it()
      throws Exception {
    Path file = file("a.txt", "kept");
    try (JdbcStores first = JdbcStores.open(config, null, List.of(new FileReferences()))) {
      first.inputStore().put(job, List.of(item("a", new InputData("text/plain", 4, new FileContent(file)))));
    }
    try (JdbcStores blind = JdbcStores.open(config)) {
      InputItem a = blind.inputStore().item(job, "a").orElseThrow();

      assertThatThrownBy(() -> read(a)).isInstanceOf(IOException.class).hasMessage("this input is kept as a "
          + "reference of kind 'file', which this server cannot open (it was given no input references of that "
          + "kind)");
    }

    stores = JdbcStores.open(config, null, List.of(new FileReferences()));
    assertThat(read(stores.inputStore().item(job, "a").orElseThrow())).isEqualTo("kept");
  }

  @Test
  void migrating_a_database_of_the_first_schema_gives_its_stored_inputs_their_size() throws Exception {
    UUID id = UUID.randomUUID();
    try (Connection connection = java.sql.DriverManager.getConnection(config.url(), config.user(),
        config.password()); Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE mr_schema_version (version INT PRIMARY KEY, description VARCHAR(200) NOT "
          + "NULL, applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
      String script = new String(Migrations.class.getClassLoader().getResourceAsStream(
          Dialect.H2.migrationFolder() + "/V1__job_store.sql").readAllBytes(), UTF_8);
      for (String sql : Migrations.statements(script)) {
        statement.execute(sql);
      }
      statement.execute("INSERT INTO mr_schema_version VALUES (1, 'V1__job_store.sql', CURRENT_TIMESTAMP)");
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO mr_input (job_id, item, seq, "
          + "input_name, media_type, content) VALUES (?, 'a', 0, 'input.txt', 'text/plain', ?)")) {
        insert.setObject(1, id);
        insert.setBytes(2, "older".getBytes(UTF_8));
        insert.executeUpdate();
      }
    }

    stores = JdbcStores.open(config);
    InputItem a = stores.inputStore().item(JobId.of(id), "a").orElseThrow();

    assertThat(a.inputs().get("input.txt").size()).isEqualTo(5);
    assertThat(read(a)).isEqualTo("older");
  }

  private record Row(String content, String kind, long size) {}

  private Row row(String item) throws SQLException {
    try (Connection connection = stores.dataSource().getConnection();
        PreparedStatement query = connection.prepareStatement("SELECT content, reference_kind, size_bytes "
            + "FROM mr_input WHERE job_id = ? AND item = ?")) {
      query.setObject(1, UUID.fromString(job.value()));
      query.setString(2, item);
      try (ResultSet rows = query.executeQuery()) {
        assertThat(rows.next()).isTrue();
        return new Row(new String(rows.getBytes(1), UTF_8), rows.getString(2), rows.getLong(3));
      }
    }
  }
}
