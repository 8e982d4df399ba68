package dev.modelrun.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobInputTest {

  @Test
  void sources_keep_the_order_of_the_request() {
    Map<String, Map<String, String>> sources = new LinkedHashMap<>();
    sources.put("b", Map.of("input.txt", "two"));
    sources.put("a", Map.of("input.txt", "one"));
    assertThat(new TextInput(sources).sources().keySet()).containsExactly("b", "a");
  }

  @Test
  void sources_must_name_an_item() {
    assertThatThrownBy(() -> new TextInput(Map.of())).isInstanceOf(InvalidInputException.class)
        .hasMessage("input.sources must name at least one item");
  }

  @Test
  void item_names_are_1_to_1024_characters() {
    assertThat(new TextInput(Map.of("n".repeat(1024), Map.of("input.txt", "x"))).sources()).hasSize(1);
    assertThatThrownBy(() -> new TextInput(Map.of("n".repeat(1025), Map.of("input.txt", "x"))))
        .isInstanceOf(InvalidInputException.class).hasMessage("input.sources: item names must be 1 to 1024 characters");
    assertThatThrownBy(() -> new TextInput(Map.of("", Map.of("input.txt", "x"))))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void every_item_gives_a_model_input_with_a_value_naming_the_place_when_not() {
    assertThatThrownBy(() -> new TextInput(Map.of("item", Map.of()))).isInstanceOf(InvalidInputException.class)
        .hasMessage("input.sources.item must give at least one model input");
    assertThatThrownBy(() -> new TextInput(Map.of("item", Map.of("", "x")))).isInstanceOf(InvalidInputException.class)
        .hasMessage("input.sources.item: model input names must not be empty");
    Map<String, String> withNull = new HashMap<>();
    withNull.put("input.txt", null);
    assertThatThrownBy(() -> new TextInput(Map.of("item", withNull))).isInstanceOf(InvalidInputException.class)
        .hasMessage("input.sources.item.input.txt must not be null");
  }

  @Test
  void each_input_names_its_type_as_the_api_does() {
    S3Credentials credentials = new S3Credentials("AKIA", Secret.of("s3cr3t"), "eu-west-1");
    Map<String, Map<String, S3Location>> s3 = Map.of("item", Map.of("image", new S3Location("bucket", "key")));
    assertThat(new TextInput(Map.of("i", Map.of("in", "x"))).type()).isEqualTo("text");
    assertThat(new EmbeddedInput(Map.of("i", Map.of("in", "eA=="))).type()).isEqualTo("embedded");
    assertThat(new S3Input(credentials, s3).type()).isEqualTo("aws-s3");
    assertThat(new S3FolderInput(credentials, s3).type()).isEqualTo("aws-s3-folder");
    assertThat(new JdbcInput("jdbc:postgresql://db/x", "u", Secret.of("p"), "org.postgresql.Driver", "select 1")
        .type()).isEqualTo("jdbc");
  }

  @Test
  void secrets_never_print() {
    S3Credentials credentials = new S3Credentials("AKIA", Secret.of("s3cr3t"), "eu-west-1");
    assertThat(credentials.toString()).doesNotContain("s3cr3t");
    assertThat(new JdbcInput("jdbc:postgresql://db/x", "u", Secret.of("hunter2"), "d", "select 1").toString())
        .doesNotContain("hunter2");
  }

  @Test
  void neither_a_jdbc_url_nor_an_access_key_id_prints_since_either_may_carry_a_secret() {
    S3Credentials credentials = new S3Credentials("AKIA-ID", Secret.of("s3cr3t"), "eu-west-1");
    assertThat(credentials.toString()).doesNotContain("AKIA-ID").contains("eu-west-1");
    JdbcInput input = new JdbcInput("jdbc:postgresql://db/x?password=pw1", "alice", Secret.of("pw2"),
        "org.postgresql.Driver", "select secret_column from t");
    assertThat(input.toString()).doesNotContain("pw1", "pw2", "alice", "secret_column")
        .contains("org.postgresql.Driver");
  }

  @Test
  void an_item_weighs_the_bytes_of_its_inputs() {
    InputItem item = new InputItem("item", Map.of("a", InputData.text("héllo"), "b", InputData.bytes("x/y", new byte[3])));
    assertThat(item.size()).isEqualTo(9);
    assertThatThrownBy(() -> new InputItem("item", Map.of())).isInstanceOf(IllegalArgumentException.class);
  }
}
