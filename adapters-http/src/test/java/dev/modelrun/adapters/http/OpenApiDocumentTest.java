package dev.modelrun.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.modelrun.adapters.http.testkit.OpenApiContract;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** openapi.json against the server that serves it: the same routes, and examples its own schemas accept. */
class OpenApiDocumentTest {
  static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
  static TestServer server;
  static JsonNode document;

  @BeforeAll
  static void start() {
    server = new TestServer();
    document = ModzyRoutesTest.json(server.get("/openapi.json", null));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void describes_every_route_the_server_registers_and_no_other() {
    List<String> registered = server.edge.routes().stream()
        // why: Javalin writes a path parameter that may hold slashes as <name>; OpenAPI knows only {name}.
        .map(route -> route.replace('<', '{').replace('>', '}'))
        .toList();
    List<String> described = new ArrayList<>();
    forEachOperation((path, method, operation) -> described.add(method + " " + path));

    assertThat(registered).contains("GET /api/jobs/{id}", "GET /swagger");
    assertThat(described).containsExactlyInAnyOrderElementsOf(registered);
  }

  @Test
  void is_the_document_on_the_class_path_and_parses_as_openapi_3() throws Exception {
    assertThat(document).isEqualTo(ModzyRoutesTest.MAPPER.readTree(OpenApiContract.served()));
    assertThat(document.path("openapi").asText()).startsWith("3.0.");
    JsonNode apiKey = document.path("components").path("securitySchemes").path("ApiKey");
    assertThat(apiKey.path("type").asText()).isEqualTo("apiKey");
    assertThat(apiKey.path("in").asText()).isEqualTo("header");
    assertThat(apiKey.path("name").asText()).isEqualTo("Authorization");
    assertThat(apiKey.path("description").asText()).contains("ApiKey <prefix>.<secret>");
  }

  @Test
  void every_response_example_fits_its_schema() {
    List<String> checked = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    forEachOperation((path, method, operation) -> operation.path("responses").properties().forEach(entry -> {
      JsonNode response = resolve(entry.getValue());
      response.path("content").properties().forEach(media -> examples(media.getValue()).forEach((name, example) -> {
        String contentType = media.getKey().equals("*/*") ? "application/json" : media.getKey();
        SimpleResponse answer = new SimpleResponse.Builder(Integer.parseInt(entry.getKey()))
            .withContentType(contentType).withBody(example.isTextual() ? example.asText() : example.toString())
            .build();
        String where = method + " " + path + " " + entry.getKey() + " " + media.getKey() + " " + name;
        checked.add(where);
        OpenApiContract.errors(OpenApiContract.SERVED.validator().validateResponse(path, method, answer))
            .forEach(error -> failures.add(where + ": " + error.getMessage()));
      }));
    }));

    assertThat(checked).hasSizeGreaterThan(50);
    assertThat(failures).isEmpty();
  }

  @Test
  void every_json_request_example_fits_its_schema() {
    List<String> checked = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    String jobId = document.at("/components/parameters/JobId/schema/example").asText();
    forEachOperation((path, method, operation) -> examples(operation.at("/requestBody/content/application~1json"))
        .forEach((name, example) -> {
          Request request = new SimpleRequest.Builder(method, path.replace("{id}", jobId))
              .withContentType("application/json").withAuthorization("ApiKey " + TestServer.KEY_A)
              .withBody(example.toString()).build();
          String where = method + " " + path + " " + name;
          checked.add(where);
          OpenApiContract.errors(OpenApiContract.SERVED.validator().validateRequest(request))
              .forEach(error -> failures.add(where + ": " + error.getMessage()));
        }));

    assertThat(checked).contains("POST /api/jobs text", "POST /api/jobs jdbc", "PUT /api/v1/jobs/{id} example");
    assertThat(failures).isEmpty();
  }

  interface OperationVisitor {
    void visit(String path, Request.Method method, JsonNode operation);
  }

  static void forEachOperation(OperationVisitor visitor) {
    document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
      if (METHODS.contains(operation.getKey())) {
        visitor.visit(path.getKey(), Request.Method.valueOf(operation.getKey().toUpperCase(Locale.ROOT)),
            operation.getValue());
      }
    }));
  }

  /** The examples of a media type object, by name ({@code example} for the single one). */
  static Map<String, JsonNode> examples(JsonNode media) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    if (media.has("example")) {
      out.put("example", media.get("example"));
    }
    media.path("examples").properties().forEach(named -> out.put(named.getKey(), named.getValue().get("value")));
    return out;
  }

  static JsonNode resolve(JsonNode node) {
    return node.has("$ref") ? document.at(node.get("$ref").asText().substring(1)) : node;
  }
}
