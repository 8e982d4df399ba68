package dev.modelrun.app;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The command line: {@code serve} (the default) runs the server until SIGTERM; {@code keys create --account A --team
 * T --user U} makes an API key and prints it once.
 */
public final class Main {
  private static final String USAGE = """
      usage: java -jar modelrun.jar [serve]
             java -jar modelrun.jar keys create --account A --team T --user U

      Configuration comes from the environment: MODELRUN_PORT (8080), MODELRUN_DATA_DIR (./data),
      MODELRUN_API_KEYS (comma-separated <prefix>.<secret>=<account>/<team>/<user>), MODELRUN_WORKERS,
      MODELRUN_MAX_UPLOAD_BYTES (256MB), MODELRUN_NODE_ID, MODELRUN_MODELS (a models file).""";

  private Main() {}

  public static void main(String[] args) {
    List<String> arguments = Arrays.asList(args);
    if (arguments.isEmpty() || arguments.getFirst().equals("serve")) {
      serve(arguments.size() <= 1 ? List.of() : arguments.subList(1, arguments.size()));
      return;
    }
    System.exit(command(arguments, System.getenv(), System.out, System.err));
  }

  /** Runs a command other than {@code serve}; returns the exit code. */
  static int command(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    if (args.getFirst().equals("help") || args.getFirst().equals("--help") || args.getFirst().equals("-h")) {
      out.println(USAGE);
      return 0;
    }
    if (args.size() >= 2 && args.get(0).equals("keys") && args.get(1).equals("create")) {
      try {
        Map<String, String> options = options(args.subList(2, args.size()));
        AppConfig config = AppConfig.fromEnvironment(env);
        ApiKeyRing keys = ApiKeyRing.load(config.apiKeys(), config.keysFile());
        String key = keys.create(config.keysFile(), options.get("--account"), options.get("--team"),
            options.get("--user"));
        out.println(key);
        err.println("The key above is shown only once; its hash is kept in " + config.keysFile() + ".");
        return 0;
      } catch (ConfigException e) {
        err.println("modelrun: " + e.getMessage());
        return 2;
      }
    }
    err.println("modelrun: unknown command '" + String.join(" ", args) + "'");
    err.println(USAGE);
    return 2;
  }

  private static Map<String, String> options(List<String> args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String name = args.get(i);
      if (!List.of("--account", "--team", "--user").contains(name) || i + 1 >= args.size()) {
        throw new ConfigException("keys create takes --account A --team T --user U, but got '" + name + "'");
      }
      options.put(name, args.get(++i));
    }
    for (String required : List.of("--account", "--team", "--user")) {
      if (!options.containsKey(required)) {
        throw new ConfigException("keys create needs " + required);
      }
    }
    return options;
  }

  private static void serve(List<String> extra) {
    if (!extra.isEmpty()) {
      System.err.println("modelrun: serve takes no arguments; configure it with MODELRUN_* variables");
      System.err.println(USAGE);
      System.exit(2);
    }
    Server server;
    try {
      server = Server.start(AppConfig.fromEnvironment(System.getenv()), System.out);
    } catch (ConfigException e) {
      System.err.println("modelrun: " + e.getMessage());
      System.exit(2);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "modelrun-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
