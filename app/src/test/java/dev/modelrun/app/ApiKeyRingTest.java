package dev.modelrun.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelrun.core.model.CallerIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiKeyRingTest {
  @TempDir
  Path dir;

  @Test
  void accepts_the_keys_of_the_environment_and_nothing_close_to_them() {
    ApiKeyRing ring = ApiKeyRing.load("ka.secret1=acme/red/ann, kb.secret2=acme/blue/bob", dir.resolve("keys"));

    assertThat(ring.authenticate("ka.secret1")).contains(new CallerIdentity("acme", "red", "ann", "ka"));
    assertThat(ring.authenticate("kb.secret2")).contains(new CallerIdentity("acme", "blue", "bob", "kb"));
    assertThat(ring.authenticate("ka.secret2")).isEmpty();
    assertThat(ring.authenticate("ka.secret1x")).isEmpty();
    assertThat(ring.authenticate("ka")).isEmpty();
    assertThat(ring.authenticate("kc.secret1")).isEmpty();
    assertThat(ring.authenticate("")).isEmpty();
  }

  @Test
  void a_created_key_works_now_and_after_a_reload_and_its_secret_is_not_in_the_file() throws Exception {
    Path file = dir.resolve("data").resolve("api-keys.tsv");
    ApiKeyRing ring = ApiKeyRing.load("", file);
    assertThat(ring.isEmpty()).isTrue();

    String key = ring.create(file, "acme", "team", "carol");
    String secret = key.substring(key.indexOf('.') + 1);

    assertThat(ring.authenticate(key)).map(CallerIdentity::user).contains("carol");
    ApiKeyRing reloaded = ApiKeyRing.load("", file);
    assertThat(reloaded.authenticate(key)).map(CallerIdentity::keyPrefix).contains(key.substring(0, key.indexOf('.')));
    assertThat(Files.readString(file)).doesNotContain(secret);
    assertThat(secret.length()).isGreaterThanOrEqualTo(40);
  }

  @Test
  void a_key_created_by_another_process_while_the_server_runs_is_accepted_at_its_first_use() {
    Path file = dir.resolve("data").resolve("api-keys.tsv");
    ApiKeyRing server = ApiKeyRing.load("ka.secret1=acme/red/ann", file);

    String key = ApiKeyRing.load("", file).create(file, "acme", "team", "dave");

    assertThat(server.authenticate(key)).map(CallerIdentity::user).contains("dave");
    assertThat(server.authenticate(key.substring(0, key.indexOf('.')) + ".wrong")).isEmpty();
    assertThat(server.authenticate("ka.secret1")).map(CallerIdentity::user).contains("ann");
  }

  @Test
  void two_created_keys_differ_in_prefix_and_secret() {
    Path file = dir.resolve("keys.tsv");
    ApiKeyRing ring = ApiKeyRing.load("", file);
    String one = ring.create(file, "a", "b", "c");
    String two = ring.create(file, "a", "b", "c");

    assertThat(one.split("\\.")[0]).isNotEqualTo(two.split("\\.")[0]);
    assertThat(one.split("\\.")[1]).isNotEqualTo(two.split("\\.")[1]);
    assertThat(ApiKeyRing.load("", file).size()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"nodot=acme/t/u", "k.s", "k.s=acme/t", "k.s=acme/t/u/v", "k.=acme/t/u", "bad prefix.s=a/t/u",
      "k.s=acme/t/u,k.s2=acme/t/u"})
  void a_malformed_environment_entry_is_an_error_naming_the_variable_without_the_secret(String entry) {
    assertThatThrownBy(() -> ApiKeyRing.load(entry, dir.resolve("keys")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("MODELRUN_API_KEYS");
  }

  @Test
  void a_name_with_a_separator_is_refused_when_creating_a_key() {
    assertThatThrownBy(() -> ApiKeyRing.load("", dir.resolve("k")).create(dir.resolve("k"), "a\tb", "t", "u"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("account");
  }

  @Test
  void a_damaged_keys_file_is_an_error_naming_the_line() throws Exception {
    Path file = dir.resolve("keys.tsv");
    Files.writeString(file, "# header\nprefix\tnot-hex\n");
    assertThatThrownBy(() -> ApiKeyRing.load("", file))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("line 2");
  }
}
