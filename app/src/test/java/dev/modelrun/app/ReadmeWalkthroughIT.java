package dev.modelrun.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the README's walkthrough (the curl commands of {@code readme-walkthrough.sh}, which the README shows verbatim)
 * against the real server, with only {@code $MODELRUN_URL} and {@code $KEY} set.
 */
class ReadmeWalkthroughIT {
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
    Path script = Path.of(ReadmeWalkthroughIT.class.getResource("/readme-walkthrough.sh").toURI());
    ProcessBuilder builder = new ProcessBuilder("bash", "-euo", "pipefail", script.toString())
        .redirectErrorStream(true);
    builder.environment().putAll(server.environment(RunningServer.KEY_A));
    Process process = builder.start();
    boolean ended = process.waitFor(90, TimeUnit.SECONDS);
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!ended) {
      process.destroyForcibly();
    }

    assertThat(ended).as(output).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output)
        .contains("\"name\":\"Sentiment Analysis\"")
        .containsPattern("job [0-9a-f-]{36}")
        .contains("\"status\":\"COMPLETED\"")
        .contains("\"classPredictions\":[{\"class\":\"positive\"")
        .containsIgnoringCase("X-Total-Count: 1")
        .contains("\"status\":\"UNAUTHORIZED\"")
        .contains("model must be an object");
  }
}
