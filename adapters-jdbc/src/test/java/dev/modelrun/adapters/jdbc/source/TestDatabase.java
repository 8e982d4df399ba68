package dev.modelrun.adapters.jdbc.source;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A real database of this machine for the integration tests. When it cannot be reached the tests are skipped with a
 * message, unless {@code CI=true}: then they fail, so CI never passes without having run them.
 */
enum TestDatabase {
  POSTGRESQL("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "org.postgresql.Driver"),
  MARIADB("jdbc:mariadb://127.0.0.1:3306/test", "root", "org.mariadb.jdbc.Driver");

  final String url;
  final String user;
  final String driver;

  TestDatabase(String url, String user, String driver) {
    this.url = url;
    this.user = user;
    this.driver = driver;
  }

  /** Skips the calling test when the database is unreachable, or fails it when {@code CI=true}. */
  void requireReachable() {
    try (Connection ignored = connect()) {
      // reachable
    } catch (SQLException e) {
      String problem = name() + " at " + url + " (user " + user + ") is not reachable: " + e.getMessage();
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(problem + " (CI=true: the JDBC source integration tests must run)", e);
      }
      assumeTrue(false, problem + ": skipping the " + name() + " tests (they run, and must pass, when CI=true)");
    }
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user, "");
  }

  /** Runs statements as the administrator (setting tables up and tearing them down). */
  void execute(String... statements) {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("setting up " + name() + " failed: " + e.getMessage(), e);
    }
  }

  /** How many rows {@code table} has. */
  long count(String table) {
    try (Connection connection = connect(); Statement statement = connection.createStatement();
        var rows = statement.executeQuery("select count(*) from " + table)) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("counting " + table + " failed: " + e.getMessage(), e);
    }
  }

  /** A name no other test run uses. */
  static String uniqueName(String prefix) {
    return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }
}
