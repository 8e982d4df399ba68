package dev.modelrun.adapters.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MigrationsTest {
  @Test
  void a_script_splits_into_statements_at_semicolons_ending_lines_without_its_comments() {
    String script = """
        -- a comment
        CREATE TABLE a (
          x INT
        );
        CREATE INDEX a_x ON a (x);
        ALTER TABLE a SET (k = 1,
          j = 2);
        """;

    assertThat(Migrations.statements(script)).containsExactly("CREATE TABLE a (\n  x INT\n)",
        "CREATE INDEX a_x ON a (x)", "ALTER TABLE a SET (k = 1,\n  j = 2)");
  }

  @Test
  void every_dialect_has_every_script() {
    for (Dialect dialect : Dialect.values()) {
      for (String script : Migrations.SCRIPTS) {
        assertThat(Migrations.class.getClassLoader().getResource(dialect.migrationFolder() + "/" + script))
            .as(dialect + " " + script).isNotNull();
      }
    }
  }
}
