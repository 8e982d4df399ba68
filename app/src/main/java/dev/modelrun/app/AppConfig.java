package dev.modelrun.app;

import static java.util.Objects.requireNonNull;

import java.nio.file.InvalidPathException;
import dev.modelrun.adapters.jdbc.JdbcConfig;
import dev.modelrun.adapters.jdbc.source.JdbcSourcePolicy;
import dev.modelrun.adapters.s3.S3ResultsLocation;
import dev.modelrun.adapters.s3.S3Settings;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The server's configuration, read from the environment. Every variable has a default:
 *
 * <ul>
 *   <li>{@code MODELRUN_PORT} (8080): the HTTP port; 0 picks a free one.
 *   <li>{@code MODELRUN_DATA_DIR} ({@code ./data}): where the keys file (and later the database) live.
 *   <li>{@code MODELRUN_API_KEYS} (none): comma-separated {@code <prefix>.<secret>=<account>/<team>/<user>}.
 *   <li>{@code MODELRUN_WORKERS} (the number of processors, at least 2): items run at once.
 *   <li>{@code MODELRUN_MAX_UPLOAD_BYTES} (256 MiB): the largest request body or upload; a number of bytes, or
 *       with a unit {@code KB MB GB} (binary: 1 KB = 1024 bytes, also written KiB).
 *   <li>{@code MODELRUN_NODE_ID} ({@code local} with the default H2 file, else {@code node-<random>}): this node's
 *       name on its leases; unique among running nodes. Started again under the same name, a node takes back at once
 *       the work its killed process left running.
 *   <li>{@code MODELRUN_PUBLIC_URL} (none): the URL clients reach this server at, for download links; without it
 *       links point back at the host the client used.
 *   <li>{@code MODELRUN_LINK_SECRET} (generated and kept under the data dir): the HMAC key of download links.
 *   <li>{@code MODELRUN_DB_URL}, {@code _USER}, {@code _PASSWORD} (an H2 file under the data dir): the job store.
 *   <li>{@code MODELRUN_S3_ENDPOINT} (AWS), {@code MODELRUN_S3_REGION} ({@code us-east-1}): where S3 inputs and
 *       results are read and written; never taken from a request.
 *   <li>{@code MODELRUN_RESULTS} (none: the job store and files under the data dir): {@code s3://bucket/prefix} to
 *       keep results and output files in S3.
 *   <li>{@code MODELRUN_MAX_QUEUED_ITEMS} (1,000,000): the most items of work waiting in the queue; past it, submits
 *       answer 429 with {@code Retry-After}.
 *   <li>{@code MODELRUN_MIN_FREE_DISK} (128 MiB): the disk space uploads must leave free under the data dir; an
 *       upload that would not is refused with 503 before it is read.
 *   <li>{@code MODELRUN_MODELS} (none): a models file (YAML or JSON) declaring remote and regression models to serve
 *       beside the built-in ones.
 *   <li>{@code MODELRUN_JDBC_SOURCE_*}: the limits of the {@code jdbc} input source (see {@link JdbcSourcePolicy}).
 * </ul>
 */
public record AppConfig(int port, Path dataDir, String apiKeys, int workers, long maxUploadBytes, String nodeId,
    JdbcSourcePolicy jdbcSource, String publicUrl, String linkSecret, JdbcConfig store, S3Settings s3,
    Optional<S3ResultsLocation> results, long maxQueuedItems, long minFreeDiskBytes, Optional<Path> modelsFile) {
  public static final int DEFAULT_PORT = 8080;
  public static final long DEFAULT_MAX_QUEUED_ITEMS = 1_000_000;
  public static final long DEFAULT_MIN_FREE_DISK_BYTES = 128L * 1024 * 1024;
  public static final long DEFAULT_MAX_UPLOAD_BYTES = 256L * 1024 * 1024;
  /** The node's name on the default H2 file, which one process at a time can open. */
  public static final String LOCAL_NODE_ID = "local";

  public AppConfig {
    requireNonNull(dataDir, "dataDir");
    requireNonNull(apiKeys, "apiKeys");
    requireNonNull(nodeId, "nodeId");
    requireNonNull(jdbcSource, "jdbcSource");
    requireNonNull(publicUrl, "publicUrl");
    requireNonNull(linkSecret, "linkSecret");
    requireNonNull(store, "store");
    requireNonNull(s3, "s3");
    requireNonNull(results, "results");
    requireNonNull(modelsFile, "modelsFile");
    if (maxQueuedItems < 1) {
      throw new IllegalArgumentException("maxQueuedItems must be at least 1 but was " + maxQueuedItems);
    }
  }

  /** Reads the configuration from {@code env} (normally {@link System#getenv()}). */
  public static AppConfig fromEnvironment(Map<String, String> env) {
    return new AppConfig(
        port(env),
        dataDir(env),
        env.getOrDefault("MODELRUN_API_KEYS", "").strip(),
        workers(env),
        bytes(env, "MODELRUN_MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES),
        nodeId(env),
        jdbcSource(env),
        publicUrl(env),
        env.getOrDefault("MODELRUN_LINK_SECRET", ""),
        store(env),
        s3(env),
        results(env),
        count(env, "MODELRUN_MAX_QUEUED_ITEMS", DEFAULT_MAX_QUEUED_ITEMS),
        bytes(env, "MODELRUN_MIN_FREE_DISK", DEFAULT_MIN_FREE_DISK_BYTES),
        modelsFile(env));
  }

  /** The defaults of the environment-free parts: the H2 file under {@code dataDir}, AWS S3 in us-east-1. */
  public static AppConfig local(int port, Path dataDir, String apiKeys, int workers, long maxUploadBytes,
      String nodeId) {
    return new AppConfig(port, dataDir, apiKeys, workers, maxUploadBytes, nodeId, JdbcSourcePolicy.defaults(), "", "",
        JdbcConfig.h2File(dataDir), S3Settings.of("", ""), Optional.empty(), DEFAULT_MAX_QUEUED_ITEMS,
        DEFAULT_MIN_FREE_DISK_BYTES, Optional.empty());
  }

  /** Everything but the secrets (API keys, the link secret, the database password). */
  @Override
  public String toString() {
    return "AppConfig[port=" + port + ", dataDir=" + dataDir + ", apiKeys=" + (apiKeys.isEmpty() ? "none" : "****")
        + ", workers=" + workers + ", maxUploadBytes=" + maxUploadBytes + ", nodeId=" + nodeId + ", jdbcSource="
        + jdbcSource + ", publicUrl=" + publicUrl + ", linkSecret=" + (linkSecret.isEmpty() ? "generated" : "****")
        + ", store=" + store + ", s3=" + s3 + ", results=" + results + ", maxQueuedItems=" + maxQueuedItems
        + ", minFreeDiskBytes=" + minFreeDiskBytes + ", modelsFile=" + modelsFile + "]";
  }

  /** Where uploaded files wait while their job is created. */
  public Path uploadDir() {
    return dataDir.resolve("uploads");
  }

  /** The file of keys made by {@code keys create} (hashes only). */
  public Path keysFile() {
    return dataDir.resolve("api-keys.tsv");
  }

  public AppConfig withPort(int newPort) {
    return new AppConfig(newPort, dataDir, apiKeys, workers, maxUploadBytes, nodeId, jdbcSource, publicUrl,
        linkSecret, store, s3, results, maxQueuedItems, minFreeDiskBytes, modelsFile);
  }

  private static Optional<Path> modelsFile(Map<String, String> env) {
    String text = value(env, "MODELRUN_MODELS");
    if (text == null) {
      return Optional.empty();
    }
    Path file;
    try {
      file = Path.of(text);
    } catch (java.nio.file.InvalidPathException e) {
      throw new ConfigException("MODELRUN_MODELS must be the path of a models file but was '" + text + "'");
    }
    if (!java.nio.file.Files.isRegularFile(file) || !java.nio.file.Files.isReadable(file)) {
      throw new ConfigException("MODELRUN_MODELS names " + file.toAbsolutePath() + ", which is not a readable file");
    }
    return Optional.of(file);
  }

  private static JdbcConfig store(Map<String, String> env) {
    String url = env.getOrDefault("MODELRUN_DB_URL", "").strip();
    if (url.isEmpty()) {
      return JdbcConfig.h2File(dataDir(env));
    }
    try {
      return JdbcConfig.of(url, env.getOrDefault("MODELRUN_DB_USER", ""), env.getOrDefault("MODELRUN_DB_PASSWORD", ""));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("MODELRUN_DB_URL must be a PostgreSQL (jdbc:postgresql:...) or H2 (jdbc:h2:...) "
          + "JDBC URL: " + e.getMessage());
    }
  }

  private static S3Settings s3(Map<String, String> env) {
    try {
      return S3Settings.of(env.get("MODELRUN_S3_ENDPOINT"), env.get("MODELRUN_S3_REGION"));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("MODELRUN_S3_ENDPOINT must be a URL such as http://127.0.0.1:9000: "
          + e.getMessage());
    }
  }

  private static Optional<S3ResultsLocation> results(Map<String, String> env) {
    String text = env.getOrDefault("MODELRUN_RESULTS", "").strip();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(S3ResultsLocation.parse(text));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("MODELRUN_RESULTS must look like s3://bucket/prefix but was '" + text + "'");
    }
  }

  private static String publicUrl(Map<String, String> env) {
    String text = env.getOrDefault("MODELRUN_PUBLIC_URL", "").strip();
    if (text.isEmpty()) {
      return "";
    }
    try {
      URI url = new URI(text);
      if (("http".equals(url.getScheme()) || "https".equals(url.getScheme())) && url.getHost() != null
          && url.getQuery() == null && url.getFragment() == null) {
        return text;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw new ConfigException("MODELRUN_PUBLIC_URL must be an http(s) URL such as https://modelrun.example.com "
        + "but was '" + text + "'");
  }

  private static JdbcSourcePolicy jdbcSource(Map<String, String> env) {
    try {
      return JdbcSourcePolicy.fromEnvironment(env);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
  }

  private static int port(Map<String, String> env) {
    String text = value(env, "MODELRUN_PORT");
    if (text == null) {
      return DEFAULT_PORT;
    }
    try {
      int port = Integer.parseInt(text);
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigException("MODELRUN_PORT must be a port number from 0 to 65535 but was '" + text + "'");
  }

  private static Path dataDir(Map<String, String> env) {
    String text = value(env, "MODELRUN_DATA_DIR");
    try {
      return Path.of(text == null ? "data" : text);
    } catch (InvalidPathException e) {
      throw new ConfigException("MODELRUN_DATA_DIR must be a directory path but was '" + text + "'");
    }
  }

  private static int workers(Map<String, String> env) {
    String text = value(env, "MODELRUN_WORKERS");
    if (text == null) {
      return Math.max(2, Runtime.getRuntime().availableProcessors());
    }
    try {
      int workers = Integer.parseInt(text);
      if (workers >= 1 && workers <= 10_000) {
        return workers;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigException("MODELRUN_WORKERS must be a whole number from 1 to 10000 but was '" + text + "'");
  }

  private static String nodeId(Map<String, String> env) {
    String text = value(env, "MODELRUN_NODE_ID");
    if (text != null) {
      return text;
    }
    // why: a node started again under its name takes back at once what its killed process left running. With the
    // default H2 file only one process can have the store open, so a fixed name can never be shared by two running
    // nodes; with a shared database it could, so each start gets a new name and the leases expire instead.
    return value(env, "MODELRUN_DB_URL") == null ? LOCAL_NODE_ID : "node-" + UUID.randomUUID().toString()
        .substring(0, 8);
  }

  /** A whole number of at least 1. */
  private static long count(Map<String, String> env, String name, long fallback) {
    String text = value(env, name);
    if (text == null) {
      return fallback;
    }
    try {
      long value = Long.parseLong(text.replace("_", ""));
      if (value >= 1) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigException(name + " must be a whole number of at least 1 but was '" + text + "'");
  }

  /** A size: bytes, or a number with a binary unit (KB/KiB, MB/MiB, GB/GiB); at least 1 byte. */
  static long bytes(Map<String, String> env, String name, long fallback) {
    String text = value(env, name);
    if (text == null) {
      return fallback;
    }
    String compact = text.replace(" ", "").toUpperCase(Locale.ROOT);
    long unit = 1;
    for (String[] suffix : new String[][] {{"KIB", "1024"}, {"KB", "1024"}, {"K", "1024"}, {"MIB", "1048576"},
        {"MB", "1048576"}, {"M", "1048576"}, {"GIB", "1073741824"}, {"GB", "1073741824"}, {"G", "1073741824"},
        {"B", "1"}}) {
      if (compact.endsWith(suffix[0])) {
        unit = Long.parseLong(suffix[1]);
        compact = compact.substring(0, compact.length() - suffix[0].length());
        break;
      }
    }
    try {
      long value = Math.multiplyExact(Long.parseLong(compact), unit);
      if (value >= 1) {
        return value;
      }
    } catch (NumberFormatException | ArithmeticException e) {
      // reported below
    }
    throw new ConfigException(name + " must be a size in bytes such as 268435456 or 256MB but was '" + text + "'");
  }

  private static String value(Map<String, String> env, String name) {
    String text = env.get(name);
    return text == null || text.isBlank() ? null : text.strip();
  }
}
