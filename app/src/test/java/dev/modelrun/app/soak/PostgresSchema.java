package dev.modelrun.app.soak;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh schema of random name on the machine's PostgreSQL ({@code soak.pgUrl}, default
 * {@code jdbc:postgresql://127.0.0.1:5432/test} as {@code postgres}), for one run; closing drops it.
 */
final class PostgresSchema implements AutoCloseable {
  private final String url;
  private final String user;
  private final String name;

  private PostgresSchema(String url, String user, String name) {
    this.url = url;
    this.user = user;
    this.name = name;
  }

  static PostgresSchema create() throws SQLException {
    String url = System.getProperty("soak.pgUrl", "jdbc:postgresql://127.0.0.1:5432/test");
    String user = System.getProperty("soak.pgUser", "postgres");
    String name = "soak_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    execute(url, user, "CREATE SCHEMA " + name);
    return new PostgresSchema(url, user, name);
  }

  /** The job store's URL for the server: the database, with this schema as its current one. */
  String serverUrl() {
    return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + name;
  }

  String user() {
    return user;
  }

  String name() {
    return name;
  }

  private static void execute(String url, String user, String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url, user, "");
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  @Override
  public void close() throws SQLException {
    execute(url, user, "DROP SCHEMA IF EXISTS " + name + " CASCADE");
  }
}
