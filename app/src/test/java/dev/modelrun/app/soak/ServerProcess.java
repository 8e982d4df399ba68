package dev.modelrun.app.soak;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server jar run as its own process ({@code java -jar modelrun.jar serve}) with a fresh data directory, the
 * harness's API keys and a free port; its output goes to {@code server.log} in the data directory's parent. Closing
 * it stops the process the way an operator would (SIGTERM, then SIGKILL after 30 s).
 */
final class ServerProcess implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("listening on http://localhost:(\\d+)");
  private static final Duration START_BOUND = Duration.ofSeconds(120);

  private final Process process;
  private final URI baseUri;
  private final Path log;
  private final Thread stopOnExit;

  private ServerProcess(Process process, URI baseUri, Path log, Thread stopOnExit) {
    this.process = process;
    this.baseUri = baseUri;
    this.log = log;
    this.stopOnExit = stopOnExit;
  }

  static ServerProcess start(Path jar, List<String> jvmOptions, Map<String, String> environment, Path workDir)
      throws IOException, InterruptedException {
    Path log = workDir.resolve("server.log");
    List<String> command = new ArrayList<>();
    // why: the server runs on the same JDK as the harness (the script picks one of at least 21).
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "serve"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile()).directory(workDir.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("MODELRUN_"));
    builder.environment().putAll(environment);
    Process process = builder.start();
    // why: a harness stopped by Ctrl-C or SIGTERM runs no close(); the server must not outlive it.
    Thread stopOnExit = new Thread(process::destroy, "stop-server-" + process.pid());
    Runtime.getRuntime().addShutdownHook(stopOnExit);
    long deadline = System.nanoTime() + START_BOUND.toNanos();
    try {
      int port = awaitPort(process, log, deadline);
      URI base = URI.create("http://127.0.0.1:" + port);
      awaitReady(process, base, log, deadline);
      return new ServerProcess(process, base, log, stopOnExit);
    } catch (IOException | InterruptedException | RuntimeException e) {
      process.destroyForcibly();
      removeHook(stopOnExit);
      throw e;
    }
  }

  private static int awaitPort(Process process, Path log, long deadline) throws IOException, InterruptedException {
    while (System.nanoTime() < deadline) {
      Matcher matcher = LISTENING.matcher(Files.readString(log, StandardCharsets.UTF_8));
      if (matcher.find()) {
        return Integer.parseInt(matcher.group(1));
      }
      failIfExited(process, log);
      Thread.sleep(200);
    }
    throw new IllegalStateException("the server printed no URL within " + START_BOUND + "; see " + log);
  }

  private static void awaitReady(Process process, URI base, Path log, long deadline) throws InterruptedException {
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
      while (System.nanoTime() < deadline) {
        try {
          HttpRequest ready = HttpRequest.newBuilder(base.resolve("/health/ready")).timeout(Duration.ofSeconds(5))
              .build();
          if (http.send(ready, BodyHandlers.discarding()).statusCode() == 200) {
            return;
          }
        } catch (IOException e) {
          // why: not listening yet; the loop waits, bounded by the deadline
        }
        failIfExited(process, log);
        Thread.sleep(200);
      }
    }
    throw new IllegalStateException("the server was not ready within " + START_BOUND + "; see " + log);
  }

  private static void failIfExited(Process process, Path log) {
    if (!process.isAlive()) {
      throw new IllegalStateException("the server exited with " + process.exitValue() + "; see " + log);
    }
  }

  URI baseUri() {
    return baseUri;
  }

  long pid() {
    return process.pid();
  }

  Path log() {
    return log;
  }

  /** Resident memory of the server process (VmRSS of /proc/pid/status), in bytes; -1 where /proc is missing. */
  long residentBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  /**
   * Asks the server's JVM for a full collection ({@code jcmd <pid> GC.run}), so the heap read next is what is live.
   * Used only between phases, never under load.
   */
  void collectGarbage() throws IOException, InterruptedException {
    Path jcmd = Path.of(ProcessHandle.current().info().command().orElse("java")).resolveSibling("jcmd");
    Process run = new ProcessBuilder(jcmd.toString(), Long.toString(pid()), "GC.run")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (!run.waitFor(60, TimeUnit.SECONDS) || run.exitValue() != 0) {
      run.destroyForcibly();
      throw new IllegalStateException("jcmd " + pid() + " GC.run failed");
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // why: the JVM is exiting already; the hook runs and finds the process ended.
    }
  }

  @Override
  public void close() {
    removeHook(stopOnExit);
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
