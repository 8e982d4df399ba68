package dev.modelrun.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.modelrun.adapters.jdbc.JdbcConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * The PostgreSQL every case shares ({@code MODELRUN_TEST_PG_URL} and {@code MODELRUN_TEST_PG_USER}, default the local
 * {@code test} database as {@code postgres}); each run gets a schema of its own, dropped after it.
 */
record Postgres(String url, String user) {
  static Postgres fromEnvironment(Map<String, String> env) {
    return new Postgres(env.getOrDefault("MODELRUN_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test"),
        env.getOrDefault("MODELRUN_TEST_PG_USER", "postgres"));
  }

  /** Fails with the URL in the message when the database cannot be reached. */
  String version() {
    try (Connection connection = connect(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SHOW server_version")) {
      rows.next();
      return rows.getString(1);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL is not reachable at " + url + " as " + user
          + " (set MODELRUN_TEST_PG_URL / MODELRUN_TEST_PG_USER): " + e.getMessage(), e);
    }
  }

  /** Creates an empty schema named {@code prefix} and a random suffix. */
  String newSchema(String prefix) {
    String schema = prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    execute("CREATE SCHEMA " + schema);
    return schema;
  }

  void dropSchema(String schema) {
    execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
  }

  void execute(String sql) {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot run " + sql + ": " + e.getMessage(), e);
    }
  }

  long count(String sql) {
    try (Connection connection = connect(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot run " + sql + ": " + e.getMessage(), e);
    }
  }

  /** A pool for a peer library: {@code size} connections, the same driver settings ModelRun's store uses. */
  HikariDataSource pool(String name, int size) {
    HikariConfig config = new HikariConfig();
    config.setPoolName(name);
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword("");
    config.setMaximumPoolSize(size);
    config.addDataSourceProperty("reWriteBatchedInserts", "true");
    return new HikariDataSource(config);
  }

  /** ModelRun's stores in {@code schema} (created by the stores when missing). */
  JdbcConfig modelRun(String schema) {
    return JdbcConfig.of(url, user, "").withSchema(schema);
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user, "");
  }
}
