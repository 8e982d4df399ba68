package dev.modelrun.app;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinkSecretTest {
  @TempDir
  Path dataDir;

  @Test
  void a_configured_secret_wins_and_nothing_is_written() {
    String configured = "a configured secret of at least 32 characters";

    assertThat(LinkSecret.resolve(configured, dataDir)).isEqualTo(configured.getBytes(UTF_8));
    assertThat(dataDir.resolve(LinkSecret.FILE_NAME)).doesNotExist();
  }

  @Test
  void a_short_configured_secret_is_refused() {
    assertThatThrownBy(() -> LinkSecret.resolve("short", dataDir)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("MODELRUN_LINK_SECRET must be at least 32 characters");
  }

  @Test
  void without_one_a_secret_is_made_once_kept_for_the_owner_and_read_back() throws Exception {
    byte[] first = LinkSecret.resolve(null, dataDir);
    byte[] second = LinkSecret.resolve(" ", dataDir);

    assertThat(first).hasSize(32).isEqualTo(second);
    Path file = dataDir.resolve(LinkSecret.FILE_NAME);
    if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }
    try (var files = Files.list(dataDir)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void a_malformed_kept_secret_is_a_configuration_error() throws Exception {
    Files.writeString(dataDir.resolve(LinkSecret.FILE_NAME), "not hex");

    assertThatThrownBy(() -> LinkSecret.resolve(null, dataDir)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("link-secret");
  }
}
