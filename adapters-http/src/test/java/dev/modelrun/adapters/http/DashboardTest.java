package dev.modelrun.adapters.http;

import static dev.modelrun.adapters.http.ModzyRoutesTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dashboard's files as the edge serves them, and rules its sources keep (the browser test is DashboardIT). */
class DashboardTest {
  private static final Pattern IMPORT = Pattern.compile("from '\\./([A-Za-z0-9_-]+\\.js)'");
  static TestServer server;

  @BeforeAll
  static void start() {
    server = new TestServer();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  // why: the dashboard's files are not part of the API, which is all openapi.json describes.
  private static HttpResponse<String> file(String path) {
    return server.sendUnchecked(server.request(path, null).GET().build());
  }

  @Test
  void the_page_is_served_at_the_root_without_a_key_with_its_security_and_cache_headers() {
    HttpResponse<String> page = file("/");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
        assertThat(type).startsWith("text/html"));
    assertThat(page.body()).contains("<title>ModelRun jobs</title>").contains("src=\"js/main.js\"");
    assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(page.headers().firstValue("Cache-Control")).contains("no-cache");
    assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy ->
        assertThat(policy).contains("default-src 'self'").contains("frame-ancestors 'none'"));
    assertThat(page.headers().firstValue("ETag")).as("lets the browser revalidate").isPresent();
  }

  @Test
  void every_module_the_page_imports_is_served_as_javascript() throws IOException {
    for (String file : javascriptFiles()) {
      HttpResponse<String> module = file("/js/" + file);
      assertThat(module.statusCode()).as(file).isEqualTo(200);
      assertThat(module.headers().firstValue("Content-Type")).as(file).hasValueSatisfying(type ->
          assertThat(type).matches("(text|application)/javascript.*"));
      Matcher imports = IMPORT.matcher(module.body());
      while (imports.find()) {
        assertThat(javascriptFiles()).as("%s imports %s", file, imports.group(1)).contains(imports.group(1));
      }
    }
    assertThat(file("/dashboard.css").headers().firstValue("Content-Type")).hasValueSatisfying(type ->
        assertThat(type).startsWith("text/css"));
  }

  @Test
  void the_api_still_needs_a_key_and_unknown_paths_still_answer_the_json_404() {
    HttpResponse<String> history = server.get("/api/jobs/history", null);
    assertThat(history.statusCode()).isEqualTo(401);
    assertThat(json(history).path("status").asText()).isEqualTo("UNAUTHORIZED");

    HttpResponse<String> missing = file("/js/no-such-module.js");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(json(missing).path("status").asText()).isEqualTo("NOT_FOUND");
    assertThat(file("/../pom.xml").statusCode()).isIn(400, 404);
  }

  @Test
  void a_post_to_the_root_is_not_a_static_file() {
    HttpResponse<String> post = server.send("POST", "/", null, "text/plain", BodyPublishers.ofString("x"));
    assertThat(post.statusCode()).isIn(404, 405);
    assertThat(json(post).path("statusCode").asInt()).isEqualTo(post.statusCode());
  }

  // why: text from the server or the user reaches the DOM only as text; markup from strings, code from strings and
  // anything loaded from another site are ruled out in the sources themselves.
  @Test
  void the_sources_never_turn_strings_into_markup_or_code_and_load_nothing_from_elsewhere() throws IOException {
    List<String> forbidden = List.of("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
        "new Function", "http://", "https://", "//cdn");
    try (Stream<Path> files = Files.walk(dashboardFolder())) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        for (String word : forbidden) {
          assertThat(text).as("%s must not contain %s", file.getFileName(), word).doesNotContain(word);
        }
      }
    }
  }

  private static List<String> javascriptFiles() throws IOException {
    try (Stream<Path> files = Files.list(dashboardFolder().resolve("js"))) {
      return files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".js")).sorted().toList();
    }
  }

  private static Path dashboardFolder() {
    try {
      return Path.of(DashboardTest.class.getResource("/dashboard").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
