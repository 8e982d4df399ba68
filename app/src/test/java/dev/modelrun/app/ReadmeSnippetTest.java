package dev.modelrun.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedding snippet of README.md compiles and runs exactly as printed there. */
class ReadmeSnippetTest {
  private static final Pattern SNIPPET =
      Pattern.compile("<!-- snippet: embed -->\\s*```java\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern TOP_CLASS = Pattern.compile("\"classPredictions\":\\[\\{\"class\":\"(\\w+)\"");

  @Test
  void readme_embedding_snippet_compiles_runs_and_prints_three_sentiments(@TempDir Path dir) throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    Matcher matcher = SNIPPET.matcher(readme);
    assertThat(matcher.find()).as("README.md has a java block after <!-- snippet: embed -->").isTrue();
    Path source = dir.resolve("EmbedExample.java");
    Files.writeString(source, matcher.group(1));

    String classpath = System.getProperty("java.class.path");
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    int compiled = compiler.run(null, null, null, "-d", dir.toString(), "-cp", classpath, source.toString());
    assertThat(compiled).as("javac exit code").isZero();

    String output = run(dir + java.io.File.pathSeparator + classpath, "EmbedExample");
    List<String> lines = output.lines().filter(line -> line.contains("->")).toList();
    assertThat(output).contains("ended COMPLETED");
    assertThat(lines).hasSize(3);
    assertThat(lines.stream().map(ReadmeSnippetTest::topClass))
        .containsExactly("positive", "negative", "neutral");
  }

  @Test
  void readme_models_snippet_compiles_and_registers_a_remote_and_a_regression_model(@TempDir Path dir)
      throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    Matcher matcher = Pattern.compile("<!-- snippet: embed-models -->\\s*```java\\n(.*?)```", Pattern.DOTALL)
        .matcher(readme);
    assertThat(matcher.find()).as("README.md has a java block after <!-- snippet: embed-models -->").isTrue();
    Path source = dir.resolve("EmbedModelsExample.java");
    Files.writeString(source, matcher.group(1));

    String classpath = System.getProperty("java.class.path");
    int compiled = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", dir.toString(), "-cp", classpath,
        source.toString());
    assertThat(compiled).as("javac exit code").isZero();

    assertThat(run(dir + java.io.File.pathSeparator + classpath, "EmbedModelsExample").lines()
        .filter(line -> line.matches("[\\w-]+ \\[.*]"))).containsExactly("churn [1]", "review-sentiment [2.1.0]");
  }

  private static String topClass(String line) {
    Matcher top = TOP_CLASS.matcher(line);
    assertThat(top.find()).as("a class prediction in %s", line).isTrue();
    return top.group(1);
  }

  private static String run(String classpath, String mainClass) throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process = new ProcessBuilder(java.toString(), "-cp", classpath, mainClass)
        .redirectErrorStream(true)
        .start();
    boolean ended = process.waitFor(60, TimeUnit.SECONDS);
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(ended).as("snippet finished within 60 s; output so far:%n%s", output).isTrue();
    assertThat(process.exitValue()).as("snippet exit code; output:%n%s", output).isZero();
    return output;
  }
}
