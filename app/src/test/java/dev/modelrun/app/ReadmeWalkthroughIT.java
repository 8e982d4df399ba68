package dev.modelrun.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the README's walkthrough (the bash block after {@code <!-- snippet: walkthrough -->}) verbatim against the real
 * server, with only {@code $MODELRUN_URL} and {@code $KEY} set.
 */
class ReadmeWalkthroughIT {
  private static final Pattern WALKTHROUGH =
      Pattern.compile("<!-- snippet: walkthrough -->\\s*```bash\\n(.*?)```", Pattern.DOTALL);
  static RunningServer server;

  @BeforeAll
  static void start() {
    server = new RunningServer();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void the_readme_walkthrough_runs_verbatim_and_shows_the_sentiment_result() throws Exception {
    Matcher matcher = WALKTHROUGH.matcher(Files.readString(Path.of("..", "README.md")));
    assertThat(matcher.find()).as("README.md has a bash block after <!-- snippet: walkthrough -->").isTrue();
    Path script = Files.writeString(Files.createTempFile("readme-walkthrough", ".sh"), matcher.group(1));
    ProcessBuilder builder = new ProcessBuilder("bash", "-euo", "pipefail", script.toString())
        .redirectErrorStream(true);
    builder.environment().putAll(server.environment(RunningServer.KEY_A));
    Process process = builder.start();
    boolean ended = process.waitFor(90, TimeUnit.SECONDS);
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!ended) {
      process.destroyForcibly();
    }
    Files.delete(script);

    assertThat(ended).as(output).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output)
        .contains("\"name\":\"Sentiment Analysis\"")
        .containsPattern("job [0-9a-f-]{36}")
        .contains("\"status\":\"COMPLETED\"")
        .contains("\"classPredictions\":[{\"class\":\"positive\"")
        .containsIgnoringCase("X-Total-Count: 1")
        .contains("\"status\":\"UNAUTHORIZED\"")
        .contains("model must be an object")
        .contains("\"recordCount\":3").contains("\"recordGroupCount\":1").contains("\"billedUsage\":20")
        .contains("\"status\":\"success\"")
        .contains("a,b,c\n3,2,pos\n1,-12,neg\n5,0,pos");
  }
}
