package dev.modelrun.adapters.oip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelrun.adapters.oip.testkit.OipTestServer;
import dev.modelrun.adapters.oip.testkit.OipTestServer.Delay;
import dev.modelrun.adapters.oip.testkit.OipTestServer.Drop;
import dev.modelrun.adapters.oip.testkit.OipTestServer.Status;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelrun.core.billing.Pricing;
import dev.modelrun.core.model.Field;
import dev.modelrun.core.model.FieldType;
import dev.modelrun.core.model.InputData;
import dev.modelrun.core.model.ModelDescriptor;
import dev.modelrun.core.model.ModelInput;
import dev.modelrun.core.model.ModelOutput;
import dev.modelrun.core.model.ModelRef;
import dev.modelrun.core.model.ModelTimeouts;
import dev.modelrun.core.model.OutputValue;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OipModelsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Resilience QUICK = new Resilience(Duration.ofSeconds(5), 3, Duration.ofMillis(5), 4,
      Duration.ofMinutes(5));

  private final OipTestServer server = OipTestServer.start();
  private final OipConnections connections = OipConnections.create(Duration.ofSeconds(2));

  @AfterEach
  void stop() {
    connections.close();
    server.close();
  }

  private RemoteItemModel textStats(Resilience resilience) {
    ModelDescriptor descriptor = new ModelDescriptor(ModelRef.of("stats", "1.0"), "Stats", "", List.of(
        new ModelInput("input.txt", List.of("text/plain"), 1000)), List.of(new ModelOutput("results.json",
        "application/json")), List.of(), List.of(), true, false, Pricing.of(1, 1), ModelTimeouts.of(
        Duration.ofSeconds(5), Duration.ofSeconds(5)));
    return new RemoteItemModel(descriptor, connections.client(new OipEndpoint(server.uri(), OipTestServer.TEXT_STATS,
        ""), resilience));
  }

  private RemoteTabularModel adder(int batchSize) {
    ModelDescriptor descriptor = new ModelDescriptor(ModelRef.of("adder", "2"), "Adder", "", List.of(), List.of(),
        List.of(Field.of("x", FieldType.NUMBER), Field.of("y", FieldType.INTEGER)),
        List.of(Field.of("sum", FieldType.NUMBER), Field.of("sign", FieldType.STRING)), false, false,
        Pricing.of(1, 1), ModelTimeouts.of(Duration.ofSeconds(5), Duration.ofSeconds(5)));
    return new RemoteTabularModel(descriptor, connections.client(new OipEndpoint(server.uri(), OipTestServer.ADDER,
        "7"), QUICK), batchSize);
  }

  @Test
  void an_item_goes_as_a_bytes_tensor_and_its_output_comes_back_as_json() throws Exception {
    Map<String, OutputValue> outputs = textStats(QUICK).run(Map.of("input.txt", InputData.text("héllo")), true);

    assertThat(outputs.get("results.json").text()).isEqualTo("{\"length\":5,\"upper\":\"HÉLLO\",\"explained\":true}");
    assertThat(outputs.get("results.json").mediaType()).isEqualTo("application/json");
  }

  @Test
  void a_batch_of_items_goes_in_one_request_and_each_gets_its_output() throws Exception {
    RemoteItemModel model = new RemoteItemModel(textStats(QUICK).descriptor(), textStats(QUICK).client(), 4);
    List<Map<String, OutputValue>> outputs = model.runBatch(List.of(Map.of("input.txt", InputData.text("a")),
        Map.of("input.txt", InputData.text("bb")), Map.of("input.txt", InputData.bytes("image/png", new byte[] {
            'c', 'c', 'c'}))), false);

    assertThat(outputs).extracting(output -> output.get("results.json").text()).containsExactly(
        "{\"length\":1,\"upper\":\"A\",\"explained\":false}",
        "{\"length\":2,\"upper\":\"BB\",\"explained\":false}",
        "{\"length\":3,\"upper\":\"CCC\",\"explained\":false}");
    assertThat(server.inferCalls()).isEqualTo(1);
    assertThat(model.batchSize()).isEqualTo(4);
  }

  @Test
  void a_json_output_keeps_the_json_text_the_server_sent_and_any_other_string_becomes_a_json_string()
      throws Exception {
    server.model("answers", request -> {
      ObjectNode answer = JSON.createObjectNode();
      ObjectNode output = answer.putArray("outputs").addObject().put("name", "results.json").put("datatype", "BYTES");
      output.putArray("shape").add(7);
      output.putArray("data").add("{ \"score\": 1.50 }").add("not json").add("1 2").add("")
          .add(JSON.createObjectNode().put("inline", true)).add("\uFEFF[1]").add("\u00001");
      return answer;
    });
    RemoteItemModel model = new RemoteItemModel(textStats(QUICK).descriptor(), connections.client(new OipEndpoint(
        server.uri(), "answers", ""), QUICK), 8);

    List<Map<String, OutputValue>> outputs = model.runBatch(List.of(Map.of("input.txt", InputData.text("a")),
        Map.of("input.txt", InputData.text("b")), Map.of("input.txt", InputData.text("c")),
        Map.of("input.txt", InputData.text("d")), Map.of("input.txt", InputData.text("e")),
        Map.of("input.txt", InputData.text("f")), Map.of("input.txt", InputData.text("g"))), false);

    // why: a string of one JSON value is that value as sent; two values ("1 2") or none are a string, not the first;
    // so is a value behind a byte order mark or a zero character (its bytes are never read as UTF-16).
    assertThat(outputs).extracting(output -> output.get("results.json").text()).containsExactly(
        "{ \"score\": 1.50 }", "\"not json\"", "\"1 2\"", "\"\"", "{\"inline\":true}", "\"\uFEFF[1]\"",
        "\"\\u00001\"");
  }

  @Test
  void a_text_item_that_is_not_utf8_sends_the_whole_input_as_base64_and_each_item_keeps_its_bytes()
      throws Exception {
    RemoteItemModel model = new RemoteItemModel(textStats(QUICK).descriptor(), textStats(QUICK).client(), 4);
    List<Map<String, OutputValue>> outputs = model.runBatch(List.of(Map.of("input.txt", InputData.text("aé")),
        Map.of("input.txt", InputData.text("ccé")),
        Map.of("input.txt", InputData.bytes("text/plain", new byte[] {'b', (byte) 0xff, 'b'}))), false);

    // why: U+FFFD stands for the byte that is not UTF-8 when the server decodes it; the other items are exact.
    assertThat(outputs).extracting(output -> output.get("results.json").text()).containsExactly(
        "{\"length\":2,\"upper\":\"AÉ\",\"explained\":false}",
        "{\"length\":3,\"upper\":\"CCÉ\",\"explained\":false}",
        "{\"length\":3,\"upper\":\"B\uFFFDB\",\"explained\":false}");
  }

  @Test
  void a_model_may_wait_its_own_time_to_connect_and_others_wait_the_connections_default() throws Exception {
    OipEndpoint endpoint = new OipEndpoint(server.uri(), OipTestServer.TEXT_STATS, "");
    OipClient patient = connections.client(endpoint, QUICK, Duration.ofMillis(300));
    RemoteItemModel model = new RemoteItemModel(textStats(QUICK).descriptor(), patient);

    assertThat(patient.connectTimeout()).isEqualTo(Duration.ofMillis(300));
    assertThat(connections.client(endpoint, QUICK).connectTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(model.run(Map.of("input.txt", InputData.text("hi")), false).get("results.json").text())
        .isEqualTo("{\"length\":2,\"upper\":\"HI\",\"explained\":false}");
    connections.close();
    assertThatThrownBy(() -> connections.client(endpoint, QUICK, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalStateException.class).hasMessage("the connections are closed");
  }

  @Test
  void binary_inputs_go_as_base64() throws Exception {
    Map<String, OutputValue> outputs = textStats(QUICK).run(Map.of("input.txt",
        InputData.bytes("application/octet-stream", "abc".getBytes())), false);

    assertThat(outputs.get("results.json").text()).contains("\"upper\":\"ABC\"").contains("\"explained\":false");
  }

  @Test
  void records_go_as_one_tensor_per_field_and_come_back_exact() throws Exception {
    List<Map<String, Object>> out = adder(256).run(List.of(
        Map.of("x", new BigDecimal("0.1000000000000000000001"), "y", 2L),
        Map.of("x", new BigDecimal("-5.5"), "y", 1L)));

    assertThat(out).containsExactly(
        Map.of("sum", new BigDecimal("2.1000000000000000000001"), "sign", "pos"),
        Map.of("sum", new BigDecimal("-4.5"), "sign", "neg"));
    assertThat(server.inferCalls()).isEqualTo(1);
  }

  @Test
  void retries_after_503_429_and_a_dropped_connection() throws Exception {
    RemoteItemModel model = textStats(QUICK);
    server.failNext(1, new Status(503));
    model.run(Map.of("input.txt", InputData.text("a")), false);
    server.failNext(1, new Status(429));
    model.run(Map.of("input.txt", InputData.text("a")), false);
    server.failNext(2, new Drop());
    model.run(Map.of("input.txt", InputData.text("a")), false);

    assertThat(server.inferCalls()).isEqualTo(2 + 2 + 3);
  }

  @Test
  void gives_up_after_the_attempts_with_the_servers_reason() {
    RemoteItemModel model = textStats(QUICK);
    server.failAlways(new Status(503));

    assertThatThrownBy(() -> model.run(Map.of("input.txt", InputData.text("a")), false))
        .isInstanceOf(ModelServerException.class)
        .hasMessage("model server text-stats at " + server.uri() + " answered 503: injected failure 503");
    assertThat(server.inferCalls()).isEqualTo(3);
  }

  @Test
  void never_retries_a_client_error_or_a_500() {
    RemoteItemModel model = textStats(QUICK);
    server.failNext(1, new Status(400));
    assertThatThrownBy(() -> model.run(Map.of("input.txt", InputData.text("a")), false))
        .hasMessageEndingWith("answered 400: injected failure 400");
    server.failNext(1, new Status(404));
    assertThatThrownBy(() -> model.run(Map.of("input.txt", InputData.text("a")), false))
        .hasMessageEndingWith("answered 404: injected failure 404");
    server.failNext(1, new Status(500));
    assertThatThrownBy(() -> model.run(Map.of("input.txt", InputData.text("a")), false))
        .hasMessageEndingWith("answered 500: injected failure 500");

    assertThat(server.inferCalls()).isEqualTo(3);
  }

  @Test
  void a_slow_answer_times_out_without_retry() {
    RemoteItemModel model = textStats(QUICK.withRequestTimeout(Duration.ofMillis(200)));
    server.failNext(1, new Delay(Duration.ofSeconds(3)));

    assertThatThrownBy(() -> model.run(Map.of("input.txt", InputData.text("a")), false))
        .hasMessage("model server text-stats at " + server.uri() + " did not answer within 200 ms");
    assertThat(server.inferCalls()).isEqualTo(1);
  }

  @Test
  void the_breaker_opens_after_failures_and_then_fails_fast_without_calling() throws Exception {
    RemoteItemModel model = textStats(new Resilience(Duration.ofSeconds(5), 1, Duration.ofMillis(1), 4,
        Duration.ofMinutes(5)));
    server.failAlways(new Status(500));
    for (int i = 0; i < 4; i++) {
      assertThatThrownBy(() -> model.run(Map.of("input.txt", InputData.text("a")), false))
          .hasMessageEndingWith("answered 500: injected failure 500");
    }
    server.heal();

    assertThatThrownBy(() -> model.run(Map.of("input.txt", InputData.text("a")), false))
        .hasMessage("model server text-stats at " + server.uri()
            + " is failing: calls to it are refused for up to 300 s after repeated failures");
    assertThat(server.inferCalls()).isEqualTo(4);
    assertThat(model.client().circuitState()).isEqualTo("OPEN");
  }

  @Test
  void client_errors_never_open_the_breaker() throws Exception {
    RemoteItemModel model = textStats(new Resilience(Duration.ofSeconds(5), 1, Duration.ofMillis(1), 4,
        Duration.ofMinutes(5)));
    server.failNext(10, new Status(400));
    for (int i = 0; i < 10; i++) {
      assertThatThrownBy(() -> model.run(Map.of("input.txt", InputData.text("a")), false))
          .hasMessageEndingWith("answered 400: injected failure 400");
    }

    assertThat(model.run(Map.of("input.txt", InputData.text("a")), false)).containsKey("results.json");
    assertThat(model.client().circuitState()).isEqualTo("CLOSED");
  }

  @Test
  void a_server_that_is_gone_fails_with_a_clear_message() throws Exception {
    RemoteItemModel model = textStats(QUICK);
    server.close();

    assertThatThrownBy(() -> model.run(Map.of("input.txt", InputData.text("a")), false))
        .isInstanceOf(ModelServerException.class)
        .hasMessageStartingWith("model server text-stats at " + server.uri() + " could not be reached: ");
  }

  @Test
  void readiness_comes_from_the_health_routes() throws Exception {
    assertThat(textStats(QUICK).client().ready()).isTrue();
    server.ready(false);
    assertThat(textStats(QUICK).client().ready()).isFalse();
    OipClient unknown = connections.client(new OipEndpoint(server.uri(), "nope", ""), QUICK);
    server.ready(true);
    assertThat(unknown.ready()).isFalse();
  }

  @Test
  void the_version_goes_in_the_path() {
    OipEndpoint endpoint = new OipEndpoint(java.net.URI.create("http://h:8000/"), "m x", "3");
    assertThat(endpoint.modelUri("/infer").toString()).isEqualTo("http://h:8000/v2/models/m%20x/versions/3/infer");
  }
}
