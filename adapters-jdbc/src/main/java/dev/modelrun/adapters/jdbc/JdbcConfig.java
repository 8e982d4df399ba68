package dev.modelrun.adapters.jdbc;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Where the stores live: a JDBC URL (H2 or PostgreSQL) with its user and password, the most pooled connections, the
 * schema to use (created if missing; empty for the connection's default), and how often idle nodes look for new
 * work on H2 (PostgreSQL wakes them with LISTEN/NOTIFY at once, and polls at this interval only as a fallback).
 */
public record JdbcConfig(String url, String user, String password, int maxPoolSize, String schema,
    Duration pollInterval) {
  /** The H2 file of {@link #h2File}, under the data directory. */
  public static final String H2_FILE_NAME = "modelrun";

  public JdbcConfig {
    requireNonNull(url, "url");
    requireNonNull(user, "user");
    requireNonNull(password, "password");
    requireNonNull(schema, "schema");
    requireNonNull(pollInterval, "pollInterval");
    if (Dialect.of(url) == Dialect.H2) {
      requireNoWriteDelay(url);
    }
    checkArgument(maxPoolSize > 0, "maxPoolSize must be > 0 but was %s", maxPoolSize);
    checkArgument(schema.matches("[A-Za-z_][A-Za-z0-9_]{0,62}|"), "schema must be a plain identifier: %s", schema);
    checkArgument(pollInterval.isPositive(), "pollInterval must be positive");
  }

  // why: with a write delay H2 writes its file from background threads, and a process killed while they write can
  // leave a file that no longer opens ("Chunk 35 not found", CrashRecoveryIT) or that lost acknowledged commits.
  // JdbcStores sets WRITE_DELAY 0 on the database; a URL setting it again would undo that on every connection.
  private static void requireNoWriteDelay(String url) {
    for (String setting : url.split(";")) {
      String[] pair = setting.split("=", 2);
      if (pair.length == 2 && pair[0].strip().equalsIgnoreCase("WRITE_DELAY") && !pair[1].strip().equals("0")) {
        throw new IllegalArgumentException("the H2 URL sets WRITE_DELAY=" + pair[1].strip() + "; ModelRun needs "
            + "WRITE_DELAY=0 (H2's delayed writes can leave the file unreadable after a killed process): remove the "
            + "setting or make it 0");
      }
    }
  }

  /** A database at {@code url}, default schema, 10 connections, polling every 250 ms. */
  public static JdbcConfig of(String url, String user, String password) {
    return new JdbcConfig(url, user, password, 10, "", Duration.ofMillis(250));
  }

  /**
   * The embedded default: an H2 file {@code modelrun.mv.db} in {@code dataDir}. Every commit is written to the file
   * before it returns ({@code WRITE_DELAY=0}), so a process that is killed loses nothing it was told was stored. Not
   * fsynced: a crash of the machine may lose the last commits.
   */
  public static JdbcConfig h2File(Path dataDir) {
    String path = dataDir.toAbsolutePath().resolve(H2_FILE_NAME).toString();
    // why: the pool, not the JVM's shutdown hook, closes the database, after the engine has handed its work back.
    return of("jdbc:h2:file:" + path + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000;WRITE_DELAY=0", "sa", "");
  }

  /**
   * The configuration of the environment: PostgreSQL (or any supported URL) at {@code MODELRUN_DB_URL} with {@code
   * MODELRUN_DB_USER} and {@code MODELRUN_DB_PASSWORD} when it is set, else the H2 file under {@code
   * MODELRUN_DATA_DIR} (default {@code ./data}).
   */
  public static JdbcConfig fromEnvironment(Map<String, String> env) {
    String url = env.getOrDefault("MODELRUN_DB_URL", "");
    if (url.isBlank()) {
      return h2File(Path.of(env.getOrDefault("MODELRUN_DATA_DIR", "./data")));
    }
    return of(url, env.getOrDefault("MODELRUN_DB_USER", ""), env.getOrDefault("MODELRUN_DB_PASSWORD", ""));
  }

  public JdbcConfig withMaxPoolSize(int size) {
    return new JdbcConfig(url, user, password, size, schema, pollInterval);
  }

  public JdbcConfig withSchema(String newSchema) {
    return new JdbcConfig(url, user, password, maxPoolSize, newSchema, pollInterval);
  }

  public JdbcConfig withPollInterval(Duration interval) {
    return new JdbcConfig(url, user, password, maxPoolSize, schema, interval);
  }

  @Override
  public String toString() {
    return "JdbcConfig[url=" + url + ", user=" + user + ", password=****, maxPoolSize=" + maxPoolSize + ", schema="
        + schema + ", pollInterval=" + pollInterval + "]";
  }
}
