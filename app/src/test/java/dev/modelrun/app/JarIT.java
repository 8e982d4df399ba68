package dev.modelrun.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable jar, as the README starts it: {@code keys create}, {@code serve} (with the dashboard's files from
 * inside the jar), and a graceful SIGTERM.
 */
class JarIT {
  static final Pattern LISTENING = Pattern.compile("listening on (http://localhost:\\d+)");

  @TempDir
  Path dataDir;

  static List<String> java(String... args) {
    String java = ProcessHandle.current().info().command().orElse("java");
    Path jar = Path.of(System.getProperty("modelrun.jar", "target/modelrun.jar"));
    assertThat(jar).exists();
    List<String> command = new java.util.ArrayList<>(List.of(java, "-jar", jar.toString()));
    command.addAll(List.of(args));
    return command;
  }

  ProcessBuilder builder(String... args) {
    ProcessBuilder builder = new ProcessBuilder(java(args));
    builder.environment().keySet().removeIf(name -> name.startsWith("MODELRUN_"));
    builder.environment().put("MODELRUN_PORT", "0");
    builder.environment().put("MODELRUN_DATA_DIR", dataDir.toString());
    return builder;
  }

  @Test
  void serve_prints_the_url_and_a_new_key_serves_the_sample_and_swagger_ui_and_stops_on_sigterm() throws Exception {
    Process process = builder("serve").redirectError(dataDir.resolve("stderr.txt").toFile()).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      Matcher listening = LISTENING.matcher(out.readLine());
      assertThat(listening.find()).isTrue();
      String url = listening.group(1);
      assertThat(out.readLine()).contains("No API key was configured");
      String key = out.readLine().strip();
      assertThat(key).matches("[0-9a-f]{12}\\.[A-Za-z0-9_-]{43}");
      assertThat(Files.readString(dataDir.resolve("api-keys.tsv"))).doesNotContain(key.substring(13));

      HttpClient client = HttpClient.newHttpClient();
      HttpResponse<String> submitted = client.send(HttpRequest.newBuilder(URI.create(url + "/api/jobs"))
          .header("Authorization", "ApiKey " + key).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(RunningServer.sentimentJob("I love it"))).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
      // why: the shaded jar must keep the swagger-ui webjar's files and the version file that locates them.
      for (String path : List.of("/swagger", "/swagger/swagger-ui-bundle.js", "/swagger/swagger-initializer.js")) {
        HttpResponse<String> file = client.send(HttpRequest.newBuilder(URI.create(url + path)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(file.statusCode()).as(path).isEqualTo(200);
      }

      process.destroy();
      assertThat(process.waitFor(40, TimeUnit.SECONDS)).isTrue();
      String log = Files.readString(dataDir.resolve("stderr.txt"));
      assertThat(log).contains("stopped").doesNotContain(key.substring(13)).doesNotContain("I love it");
      ObjectMapper mapper = new ObjectMapper();
      List<JsonNode> lines = new java.util.ArrayList<>();
      for (String line : log.lines().filter(line -> line.startsWith("{")).toList()) {
        lines.add(mapper.readTree(line));
      }
      assertThat(lines).anySatisfy(line -> {
        assertThat(line.path("time").asText()).endsWith("Z");
        assertThat(line.path("log").path("event").asText()).isEqualTo("http.request");
        assertThat(line.path("log").path("route").asText()).isEqualTo("/api/jobs");
        assertThat(line.path("log").path("status").asInt()).isEqualTo(201);
        assertThat(line.path("log").path("keyPrefix").asText()).isEqualTo(key.substring(0, 12));
      });
      assertThat(lines).anySatisfy(line -> {
        assertThat(line.path("log").path("event").asText()).isEqualTo("job.submitted");
        assertThat(line.path("log").path("model").asText()).isEqualTo("ed542963de@0.0.27");
      });
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void the_jar_holds_the_current_classes_of_every_module() throws IOException {
    // why: a build without clean used to shade the previous shaded jar again, whose older copy of each class of the
    // other modules then won over the new one (maven-shade-plugin MSHADE-126): the jar ran stale code.
    Path jar = Path.of(System.getProperty("modelrun.jar", "target/modelrun.jar"));
    List<String> stale = new java.util.ArrayList<>();
    int compared = 0;
    try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
      for (java.util.zip.ZipEntry entry : java.util.Collections.list(zip.entries())) {
        if (!entry.getName().startsWith("dev/modelrun/") || !entry.getName().endsWith(".class")) {
          continue;
        }
        try (var inJar = zip.getInputStream(entry);
            var built = JarIT.class.getClassLoader().getResourceAsStream(entry.getName())) {
          assertThat(built).as("%s on the class path", entry.getName()).isNotNull();
          if (!java.util.Arrays.equals(inJar.readAllBytes(), built.readAllBytes())) {
            stale.add(entry.getName());
          }
          compared++;
        }
      }
    }
    assertThat(compared).isGreaterThan(100);
    assertThat(stale).as("classes of the jar that differ from the modules' build").isEmpty();
  }

  @Test
  void keys_create_prints_a_key_that_serve_then_accepts() throws Exception {
    Process create = builder("keys", "create", "--account", "acme", "--team", "red", "--user", "ann").start();
    assertThat(create.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(create.exitValue()).isZero();
    String key = new String(create.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();

    Process serve = builder("serve").redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
      Matcher listening = LISTENING.matcher(out.readLine());
      assertThat(listening.find()).isTrue();
      HttpResponse<String> models = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(listening.group(1) + "/api/models"))
              .timeout(Duration.ofSeconds(10)).header("x-api-key", key).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(models.statusCode()).isEqualTo(200);
      assertThat(models.body()).contains("ed542963de");
      // why: the dashboard's files are served from inside the jar here, not from a folder as in the other tests.
      for (String path : List.of("/", "/js/main.js", "/dashboard.css")) {
        HttpResponse<String> file = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create(listening.group(1) + path)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(file.statusCode()).as(path).isEqualTo(200);
      }
    } finally {
      serve.destroy();
      serve.waitFor(40, TimeUnit.SECONDS);
      serve.destroyForcibly();
    }
  }

  @Test
  void a_bad_variable_stops_serve_with_a_message_naming_it() throws IOException, InterruptedException {
    ProcessBuilder builder = builder("serve");
    builder.environment().put("MODELRUN_PORT", "eighty");
    Process process = builder.redirectErrorStream(true).start();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
        .contains("MODELRUN_PORT").contains("eighty");
  }
}
