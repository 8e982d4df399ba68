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
  // why: the durable commits write the file at once (see Transactions); the rest waits for the next write, so the
  // file is written a few times a second instead of at every claim and completion.
  private static final int H2_WRITE_DELAY_MILLIS = 100;

  public JdbcConfig {
    requireNonNull(url, "url");
    requireNonNull(user, "user");
    requireNonNull(password, "password");
    requireNonNull(schema, "schema");
    requireNonNull(pollInterval, "pollInterval");
    Dialect.of(url);
    checkArgument(maxPoolSize > 0, "maxPoolSize must be > 0 but was %s", maxPoolSize);
    checkArgument(schema.matches("[A-Za-z_][A-Za-z0-9_]{0,62}|"), "schema must be a plain identifier: %s", schema);
    checkArgument(pollInterval.isPositive(), "pollInterval must be positive");
  }

  /** A database at {@code url}, default schema, 10 connections, polling every 250 ms. */
  public static JdbcConfig of(String url, String user, String password) {
    return new JdbcConfig(url, user, password, 10, "", Duration.ofMillis(250));
  }

  /**
   * The embedded default: an H2 file {@code modelrun.mv.db} in {@code dataDir}. What the store acknowledges (a job
   * stored, stopped or ended) is written to the file before the call returns, so a process that is killed loses none
   * of it; claims, completions and results are written within 100 ms, so a killed
   * process loses at most that much of them, which only runs some items again. Not fsynced: a crash of the machine
   * may lose the last commits.
   */
  public static JdbcConfig h2File(Path dataDir) {
    String path = dataDir.toAbsolutePath().resolve(H2_FILE_NAME).toString();
    // why: the pool, not the JVM's shutdown hook, closes the database, after the engine has handed its work back.
    return of("jdbc:h2:file:" + path + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000;WRITE_DELAY="
        + H2_WRITE_DELAY_MILLIS, "sa", "");
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
