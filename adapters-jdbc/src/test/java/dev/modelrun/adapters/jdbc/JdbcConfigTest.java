package dev.modelrun.adapters.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JdbcConfigTest {
  @Test
  void without_a_database_url_the_environment_gives_an_h2_file_under_the_data_directory() {
    JdbcConfig config = JdbcConfig.fromEnvironment(Map.of("MODELRUN_DATA_DIR", "/var/lib/modelrun"));

    assertThat(config.url()).startsWith("jdbc:h2:file:" + Path.of("/var/lib/modelrun/modelrun"));
    assertThat(JdbcConfig.fromEnvironment(Map.of()).url())
        .startsWith("jdbc:h2:file:" + Path.of("./data").toAbsolutePath().resolve("modelrun"));
  }

  @Test
  void a_database_url_in_the_environment_is_used_with_its_user_and_password() {
    JdbcConfig config = JdbcConfig.fromEnvironment(Map.of("MODELRUN_DB_URL", "jdbc:postgresql://db:5432/modelrun",
        "MODELRUN_DB_USER", "modelrun", "MODELRUN_DB_PASSWORD", "s3cret", "MODELRUN_DATA_DIR", "/ignored"));

    assertThat(config.url()).isEqualTo("jdbc:postgresql://db:5432/modelrun");
    assertThat(config.user()).isEqualTo("modelrun");
    assertThat(config.password()).isEqualTo("s3cret");
    assertThat(config.toString()).doesNotContain("s3cret");
  }

  @Test
  void refuses_databases_other_than_h2_and_postgres_and_schemas_that_are_not_plain_names() {
    assertThatThrownBy(() -> JdbcConfig.of("jdbc:mysql://db/x", "u", "p"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JdbcConfig.of("jdbc:h2:mem:x", "sa", "").withSchema("x; DROP TABLE y"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refuses_an_h2_url_with_a_write_delay_naming_the_setting() {
    assertThatThrownBy(() -> JdbcConfig.of("jdbc:h2:file:/data/x;LOCK_TIMEOUT=10000;write_delay=100", "sa", ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("WRITE_DELAY=100")
        .hasMessageContaining("WRITE_DELAY=0");

    assertThat(JdbcConfig.of("jdbc:h2:file:/data/x;WRITE_DELAY=0", "sa", "").url()).endsWith("WRITE_DELAY=0");
    assertThat(JdbcConfig.h2File(Path.of("/data")).url()).contains(";WRITE_DELAY=0");
  }
}
