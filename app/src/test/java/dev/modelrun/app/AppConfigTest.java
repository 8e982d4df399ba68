package dev.modelrun.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AppConfigTest {
  @Test
  void every_variable_has_a_default() {
    AppConfig config = AppConfig.fromEnvironment(Map.of());

    assertThat(config.port()).isEqualTo(8080);
    assertThat(config.dataDir()).isEqualTo(Path.of("data"));
    assertThat(config.apiKeys()).isEmpty();
    assertThat(config.workers()).isGreaterThanOrEqualTo(2);
    assertThat(config.maxUploadBytes()).isEqualTo(256L * 1024 * 1024);
    assertThat(config.nodeId()).isEqualTo("local");
    assertThat(config.keysFile()).isEqualTo(Path.of("data", "api-keys.tsv"));
    assertThat(config.maxQueuedItems()).isEqualTo(1_000_000);
    assertThat(config.minFreeDiskBytes()).isEqualTo(128L * 1024 * 1024);
    assertThat(config.uploadDir()).isEqualTo(Path.of("data", "uploads"));
  }

  @Test
  void reads_the_queue_bound() {
    assertThat(AppConfig.fromEnvironment(Map.of("MODELRUN_MAX_QUEUED_ITEMS", "250_000")).maxQueuedItems())
        .isEqualTo(250_000);
  }

  @Test
  void the_node_keeps_one_name_on_the_h2_file_only_one_process_can_open_and_gets_a_new_one_per_start_otherwise() {
    String postgres = "jdbc:postgresql://db:5432/modelrun";
    AppConfig first = AppConfig.fromEnvironment(Map.of("MODELRUN_DB_URL", postgres));
    AppConfig second = AppConfig.fromEnvironment(Map.of("MODELRUN_DB_URL", postgres));

    assertThat(AppConfig.fromEnvironment(Map.of("MODELRUN_DATA_DIR", "/tmp/x")).nodeId()).isEqualTo("local");
    assertThat(first.nodeId()).matches("node-[0-9a-f]{8}");
    assertThat(second.nodeId()).matches("node-[0-9a-f]{8}").isNotEqualTo(first.nodeId());
    assertThat(AppConfig.fromEnvironment(Map.of("MODELRUN_DB_URL", postgres, "MODELRUN_NODE_ID", "pg-1")).nodeId())
        .isEqualTo("pg-1");
    assertThat(AppConfig.fromEnvironment(Map.of("MODELRUN_NODE_ID", "h2-1")).nodeId()).isEqualTo("h2-1");
  }

  @Test
  void reads_each_variable() {
    AppConfig config = AppConfig.fromEnvironment(Map.of("MODELRUN_PORT", "9090", "MODELRUN_DATA_DIR", "/tmp/x",
        "MODELRUN_API_KEYS", "a.b=c/d/e", "MODELRUN_WORKERS", "3", "MODELRUN_MAX_UPLOAD_BYTES", "1024",
        "MODELRUN_NODE_ID", "node-7"));

    assertThat(config).usingRecursiveComparison()
        .isEqualTo(AppConfig.local(9090, Path.of("/tmp/x"), "a.b=c/d/e", 3, 1024, "node-7"));
  }

  @Test
  void the_store_is_an_h2_file_under_the_data_dir_unless_a_database_url_is_given() {
    assertThat(AppConfig.fromEnvironment(Map.of("MODELRUN_DATA_DIR", "/tmp/x")).store().url())
        .startsWith("jdbc:h2:file:/tmp/x/modelrun");
    AppConfig postgres = AppConfig.fromEnvironment(Map.of("MODELRUN_DB_URL", "jdbc:postgresql://db:5432/modelrun",
        "MODELRUN_DB_USER", "mr", "MODELRUN_DB_PASSWORD", "pw"));
    assertThat(postgres.store().url()).isEqualTo("jdbc:postgresql://db:5432/modelrun");
    assertThat(postgres.store().user()).isEqualTo("mr");
    assertThat(postgres.toString()).doesNotContain("pw");
  }

  @Test
  void s3_comes_from_the_server_configuration_and_results_from_an_s3_url() {
    AppConfig config = AppConfig.fromEnvironment(Map.of("MODELRUN_S3_ENDPOINT", "http://127.0.0.1:9000",
        "MODELRUN_S3_REGION", "eu-west-1", "MODELRUN_RESULTS", "s3://bucket/some/prefix"));
    assertThat(config.s3().endpoint()).contains(java.net.URI.create("http://127.0.0.1:9000"));
    assertThat(config.s3().region()).isEqualTo("eu-west-1");
    assertThat(config.results()).hasValueSatisfying(location -> {
      assertThat(location.bucket()).isEqualTo("bucket");
      assertThat(location.prefix()).startsWith("some/prefix");
    });
    assertThat(AppConfig.fromEnvironment(Map.of()).results()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"256MB, 268435456", "256 MiB, 268435456", "1k, 1024", "2GB, 2147483648", "17, 17", "5B, 5"})
  void reads_sizes_with_binary_units(String text, long bytes) {
    assertThat(AppConfig.fromEnvironment(Map.of("MODELRUN_MAX_UPLOAD_BYTES", text)).maxUploadBytes())
        .isEqualTo(bytes);
  }

  @ParameterizedTest
  @CsvSource({"MODELRUN_PORT, 80a", "MODELRUN_PORT, 70000", "MODELRUN_WORKERS, 0", "MODELRUN_WORKERS, many",
      "MODELRUN_MAX_UPLOAD_BYTES, 0", "MODELRUN_MAX_UPLOAD_BYTES, lots", "MODELRUN_MAX_UPLOAD_BYTES, 99999999999GB",
      "MODELRUN_DB_URL, jdbc:oracle:thin:@db", "MODELRUN_RESULTS, /tmp/results", "MODELRUN_PUBLIC_URL, ftp://x",
      "MODELRUN_JDBC_SOURCE_MAX_ROWS, -5", "MODELRUN_MAX_QUEUED_ITEMS, 0", "MODELRUN_MAX_QUEUED_ITEMS, lots",
      "MODELRUN_MIN_FREE_DISK, none"})
  void a_bad_value_is_an_error_naming_the_variable(String variable, String value) {
    assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of(variable, value)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(variable)
        .hasMessageContaining(value);
  }
}
