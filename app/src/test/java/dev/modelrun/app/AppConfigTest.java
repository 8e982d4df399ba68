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
    assertThat(config.nodeId()).startsWith("node-");
    assertThat(config.keysFile()).isEqualTo(Path.of("data", "api-keys.tsv"));
  }

  @Test
  void reads_each_variable() {
    AppConfig config = AppConfig.fromEnvironment(Map.of("MODELRUN_PORT", "9090", "MODELRUN_DATA_DIR", "/tmp/x",
        "MODELRUN_API_KEYS", "a.b=c/d/e", "MODELRUN_WORKERS", "3", "MODELRUN_MAX_UPLOAD_BYTES", "1024",
        "MODELRUN_NODE_ID", "node-7"));

    assertThat(config).isEqualTo(new AppConfig(9090, Path.of("/tmp/x"), "a.b=c/d/e", 3, 1024, "node-7"));
  }

  @ParameterizedTest
  @CsvSource({"256MB, 268435456", "256 MiB, 268435456", "1k, 1024", "2GB, 2147483648", "17, 17", "5B, 5"})
  void reads_sizes_with_binary_units(String text, long bytes) {
    assertThat(AppConfig.fromEnvironment(Map.of("MODELRUN_MAX_UPLOAD_BYTES", text)).maxUploadBytes())
        .isEqualTo(bytes);
  }

  @ParameterizedTest
  @CsvSource({"MODELRUN_PORT, 80a", "MODELRUN_PORT, 70000", "MODELRUN_WORKERS, 0", "MODELRUN_WORKERS, many",
      "MODELRUN_MAX_UPLOAD_BYTES, 0", "MODELRUN_MAX_UPLOAD_BYTES, lots", "MODELRUN_MAX_UPLOAD_BYTES, 99999999999GB"})
  void a_bad_value_is_an_error_naming_the_variable(String variable, String value) {
    assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of(variable, value)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(variable)
        .hasMessageContaining(value);
  }
}
