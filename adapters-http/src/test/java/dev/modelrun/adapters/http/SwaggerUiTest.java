package dev.modelrun.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Swagger UI at /swagger: our page, the webjar's files from the class path with their types, and our initializer. */
class SwaggerUiTest {
  static final Pattern ASSET = Pattern.compile("(?:href|src)=\"([^\"]+)\"");
  static TestServer server;

  @BeforeAll
  static void start() {
    server = new TestServer();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void the_page_answers_at_swagger_with_and_without_a_trailing_slash() {
    for (String path : List.of("/swagger", "/swagger/")) {
      HttpResponse<String> page = server.get(path, null);
      assertThat(page.statusCode()).as(path).isEqualTo(200);
      assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
      assertThat(page.body()).contains("<div id=\"swagger-ui\"></div>").contains("/swagger/swagger-ui-bundle.js");
    }
  }

  @Test
  void every_file_the_page_names_is_served_offline_with_its_media_type() {
    String page = server.get("/swagger", null).body();
    Matcher assets = ASSET.matcher(page);
    int count = 0;
    while (assets.find()) {
      String asset = assets.group(1);
      assertThat(asset).as("served by this server, not fetched from elsewhere").startsWith("/swagger/");
      // why: the webjar's files are static files, not operations of openapi.json.
      HttpResponse<String> file = server.sendUnchecked(server.request(asset, null).GET().build());
      assertThat(file.statusCode()).as(asset).isEqualTo(200);
      assertThat(file.body()).as(asset).isNotEmpty();
      String type = file.headers().firstValue("Content-Type").orElse("");
      if (asset.endsWith(".js")) {
        assertThat(type).as(asset).matches("(text|application)/javascript.*");
      } else if (asset.endsWith(".css")) {
        assertThat(type).as(asset).startsWith("text/css");
      } else {
        assertThat(type).as(asset).startsWith("image/png");
      }
      count++;
    }
    assertThat(count).isEqualTo(7);
  }

  @Test
  void the_initializer_is_ours_and_loads_this_servers_document() {
    HttpResponse<String> initializer = server.sendUnchecked(
        server.request("/swagger/swagger-initializer.js", null).GET().build());
    assertThat(initializer.body()).contains("url: \"/openapi.json\"").contains("validatorUrl: null")
        .doesNotContain("petstore");
    HttpResponse<String> bundle = server.sendUnchecked(server.request("/swagger/swagger-ui-bundle.js", null).GET().build());
    assertThat(bundle.body()).contains("SwaggerUIBundle");
  }
}
