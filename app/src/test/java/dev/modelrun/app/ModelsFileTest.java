package dev.modelrun.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelrun.adapters.oip.OipConnections;
import dev.modelrun.adapters.oip.RemoteItemModel;
import dev.modelrun.adapters.oip.RemoteTabularModel;
import dev.modelrun.core.model.FieldType;
import dev.modelrun.core.model.ModelRef;
import dev.modelrun.engine.RegressionModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelsFileTest {
  @TempDir
  Path dir;
  private final OipConnections connections = OipConnections.create(Duration.ofSeconds(1));

  @AfterEach
  void close() {
    connections.close();
  }

  private static final String VALID = """
      models:
        - identifier: stats
          version: 1.0.0
          name: Stats
          inputs:
            - name: input.txt
          outputs:
            - name: results.json
          concurrency: 3
          runs:
            type: oip
            endpoint: http://127.0.0.1:8000
        - identifier: adder
          version: "2"
          name: Adder
          fields: [{name: x, type: number}]
          outputFields: [{name: sum, type: number}]
          batchSize: 64
          runs: {type: oip, endpoint: "http://models:9000/", model: add, version: "7"}
        - identifier: price
          version: "1"
          name: Price
          runs:
            type: linear
            intercept: 10.5
            coefficients: {rooms: 2, area: 0.1}
      """;

  private List<ModelsFile.Declared> load(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return ModelsFile.load(file, Set.of(ModelRef.of("ed542963de", "0.0.27")), 4, connections);
  }

  private void assertRejected(String text, String message) {
    Path file = dir.resolve("models.yaml");
    assertThatThrownBy(() -> load("models.yaml", text))
        .isInstanceOf(ConfigException.class)
        .hasMessage("models file " + file + ", " + message);
  }

  @Test
  void a_valid_file_makes_remote_and_regression_models() throws IOException {
    List<ModelsFile.Declared> models = load("models.yaml", VALID);

    assertThat(models).hasSize(3);
    assertThat(models.get(0).model()).isInstanceOf(RemoteItemModel.class);
    assertThat(models.get(0).concurrency()).isEqualTo(3);
    assertThat(models.get(0).model().descriptor().input("input.txt").orElseThrow().maximumSize())
        .isEqualTo(1024 * 1024);
    RemoteTabularModel adder = (RemoteTabularModel) models.get(1).model();
    assertThat(adder.batchSize()).isEqualTo(64);
    assertThat(models.get(1).concurrency()).isEqualTo(4);
    assertThat(adder.client().endpoint().modelUri("/infer").toString())
        .isEqualTo("http://models:9000/v2/models/add/versions/7/infer");
    RegressionModel price = (RegressionModel) models.get(2).model();
    assertThat(price.descriptor().fields()).extracting(field -> field.name() + ":" + field.type())
        .containsExactly("rooms:" + FieldType.NUMBER, "area:" + FieldType.NUMBER);
    assertThat(price.run(List.of(Map.of("rooms", new java.math.BigDecimal("3"), "area",
        new java.math.BigDecimal("85.5"))))).containsExactly(Map.of("score", new java.math.BigDecimal("25.05")));
  }

  @Test
  void the_readme_example_loads() throws IOException {
    java.util.regex.Matcher block = java.util.regex.Pattern.compile(
        "<!-- snippet: models-file -->\\s*```yaml\\n(.*?)```", java.util.regex.Pattern.DOTALL)
        .matcher(Files.readString(Path.of("..", "README.md")));
    assertThat(block.find()).as("README.md has a yaml block after <!-- snippet: models-file -->").isTrue();

    List<ModelsFile.Declared> models = load("readme.yaml", block.group(1));

    assertThat(models).extracting(model -> model.model().descriptor().ref().toString())
        .containsExactly("review-sentiment@2.1.0", "fraud-score@1", "churn@1");
    assertThat(((RemoteItemModel) models.get(0).model()).batchSize()).isEqualTo(16);
    assertThat(models.get(0).concurrency()).isEqualTo(8);
    assertThat(((RemoteItemModel) models.get(0).model()).client().endpoint().modelUri("/infer").toString())
        .isEqualTo("http://triton.internal:8000/v2/models/sentiment/versions/3/infer");
    assertThat(((RemoteItemModel) models.get(0).model()).client().connectTimeout()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void a_remote_model_may_wait_its_own_time_to_connect_and_the_others_wait_the_servers_default() throws IOException {
    List<ModelsFile.Declared> models = load("models.yaml", VALID.replace("      endpoint: http://127.0.0.1:8000\n",
        "      endpoint: http://127.0.0.1:8000\n      connectTimeout: 250ms\n"));

    assertThat(((RemoteItemModel) models.get(0).model()).client().connectTimeout())
        .isEqualTo(Duration.ofMillis(250));
    assertThat(((RemoteTabularModel) models.get(1).model()).client().connectTimeout())
        .isEqualTo(Duration.ofSeconds(1));
    assertRejected(VALID.replace("      endpoint: http://127.0.0.1:8000\n",
        "      endpoint: http://127.0.0.1:8000\n      connectTimeout: soon\n"),
        "line 13, models[0].runs.connectTimeout: must be a positive duration such as 250ms, 30s, 5m or 1h but was "
            + "'soon'");
  }

  @Test
  void json_works_too() throws IOException {
    List<ModelsFile.Declared> models = load("models.json", """
        {"models": [{"identifier": "p", "version": "1", "name": "P",
          "runs": {"type": "logistic", "coefficients": {"a": 1}, "threshold": 0.7, "labels": ["no", "yes"]}}]}
        """);

    assertThat(((RegressionModel) models.getFirst().model()).run(List.of(Map.of("a", java.math.BigDecimal.ONE))))
        .containsExactly(Map.of("score", new java.math.BigDecimal(Double.toString(1 / (1 + Math.exp(-1)))),
            "label", "yes"));
  }

  @Test
  void an_unknown_key_names_its_line_and_the_keys_expected() {
    assertRejected(VALID.replace("    concurrency: 3", "    concurency: 3"),
        "line 9, models[0].concurency: unknown key; expected one of batchSize, concurrency, description, explain, "
            + "fields, identifier, inputs, name, outputFields, outputs, pricing, runs, timeouts, version");
  }

  @Test
  void a_missing_or_malformed_value_names_its_line_and_field() {
    assertRejected(VALID.replace("      endpoint: http://127.0.0.1:8000\n", ""),
        "line 10, models[0].runs.endpoint: is required");
    assertRejected(VALID.replace("http://127.0.0.1:8000", "ftp://x"),
        "line 12, models[0].runs.endpoint: the model server must be an http(s) URL but was ftp://x");
    assertRejected(VALID.replace("type: oip\n", "type: grpc\n"),
        "line 11, models[0].runs.type: must be oip, linear or logistic but was 'grpc'");
    assertRejected(VALID.replace("batchSize: 64", "batchSize: lots"),
        "line 18, models[1].batchSize: must be a whole number from 1 to 100000 but was 'lots'");
    assertRejected(VALID.replace("{name: x, type: number}", "{name: x, type: decimal}"),
        "line 16, models[1].fields[0].type: field type must be one of string, integer, number, boolean but was "
            + "'decimal'");
    assertRejected(VALID.replace("    concurrency: 3", "    timeouts: {run: soon}"),
        "line 9, models[0].timeouts.run: must be a positive duration such as 250ms, 30s, 5m or 1h but was 'soon'");
  }

  @Test
  void model_level_mistakes_name_the_model_entry() {
    assertRejected(VALID.replace("      coefficients: {rooms: 2, area: 0.1}", "      coefficients: {}"),
        "line 26, models[2].runs.coefficients: must map field names to numbers, such as {age: 0.02}");
    assertRejected(VALID.replace("    name: Price\n", "    name: Price\n    fields: [{name: rooms, type: string}]\n"),
        "line 24, models[2].runs: the coefficient 'rooms' of model price@1 names a field of type string; it must be "
            + "a number or an integer");
    assertRejected(VALID.replace("identifier: adder", "identifier: stats").replace("version: \"2\"",
        "version: 1.0.0"), "line 13, models[1].identifier: model stats@1.0.0 is declared twice (or is a built-in "
            + "model)");
    assertRejected(VALID.replace("identifier: stats", "identifier: ed542963de").replace("version: 1.0.0",
        "version: 0.0.27"), "line 2, models[0].identifier: model ed542963de@0.0.27 is declared twice (or is a "
            + "built-in model)");
    assertRejected("models: []\n", "line 1, models: must list at least one model");
  }

  @Test
  void malformed_yaml_names_its_line() {
    assertThatThrownBy(() -> load("models.yaml", "models:\n  - identifier: [x\n    version: 1\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("models file " + dir.resolve("models.yaml") + ", line ")
        .hasMessageContaining("not valid YAML");
  }

  @Test
  void the_variable_must_name_a_readable_file() {
    Path missing = dir.resolve("nope.yaml");
    assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("MODELRUN_MODELS", missing.toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessage("MODELRUN_MODELS names " + missing.toAbsolutePath() + ", which is not a readable file");
  }
}
