package dev.modelrun.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  @TempDir
  Path dir;

  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  int run(String... args) {
    return Main.command(List.of(args), Map.of("MODELRUN_DATA_DIR", dir.toString()),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void keys_create_prints_a_key_that_the_keys_file_then_accepts() {
    int code = run("keys", "create", "--account", "acme", "--team", "red", "--user", "ann");

    assertThat(code).isZero();
    String key = out.toString(StandardCharsets.UTF_8).strip();
    assertThat(key).matches("[0-9a-f]{12}\\.[A-Za-z0-9_-]{43}");
    assertThat(ApiKeyRing.load("", dir.resolve("api-keys.tsv")).authenticate(key)).isPresent();
  }

  @Test
  void keys_create_without_an_option_fails_with_exit_code_2() {
    assertThat(run("keys", "create", "--account", "acme", "--team", "red")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--user");
  }

  @Test
  void an_unknown_command_prints_the_usage_and_fails() {
    assertThat(run("launch")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage:");
    assertThat(run("--help")).isZero();
  }
}
