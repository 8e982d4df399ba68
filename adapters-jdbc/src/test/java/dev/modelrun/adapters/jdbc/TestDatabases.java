package dev.modelrun.adapters.jdbc;

import static org.assertj.core.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The databases of the tests: a new in-memory H2 database, or a new schema of random name on the PostgreSQL of this
 * machine ({@code MODELRUN_TEST_PG_URL}, default {@code jdbc:postgresql://127.0.0.1:5432/test} as {@code postgres}),
 * dropped at the end. Where PostgreSQL is unreachable its tests are skipped, except in CI ({@code CI=true}), where
 * they fail.
 */
final class TestDatabases {
  static final String PG_URL = System.getenv().getOrDefault("MODELRUN_TEST_PG_URL",
      "jdbc:postgresql://127.0.0.1:5432/test");
  static final String PG_USER = System.getenv().getOrDefault("MODELRUN_TEST_PG_USER", "postgres");
  static final String PG_PASSWORD = System.getenv().getOrDefault("MODELRUN_TEST_PG_PASSWORD", "");
  private static final List<String> TABLES = List.of("mr_job", "mr_item", "mr_worker", "mr_idempotent_request",
      "mr_result", "mr_input", "mr_chunk", "mr_input_expiry");
  // why: range claims (migration V4) exist on PostgreSQL only.
  private static final List<String> POSTGRES_TABLES = List.of("mr_claim");

  private TestDatabases() {}

  /** A new, empty in-memory H2 database. */
  static JdbcConfig h2() {
    return JdbcConfig.of("jdbc:h2:mem:mr" + UUID.randomUUID().toString().replace("-", "")
        + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000", "sa", "");
  }

  /** A new schema of random name on PostgreSQL; skips the test where PostgreSQL is unreachable, unless in CI. */
  static JdbcConfig postgres() {
    requirePostgres();
    return JdbcConfig.of(PG_URL, PG_USER, PG_PASSWORD)
        .withSchema("mr_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
  }

  static void requirePostgres() {
    try (Connection connection = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD)) {
      connection.isValid(2);
    } catch (SQLException e) {
      String message = "PostgreSQL is unreachable at " + PG_URL + " as " + PG_USER + " (" + e.getMessage() + ")";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(message + ": in CI the PostgreSQL tests must run");
      }
      Assumptions.abort(message + ": skipping the PostgreSQL tests (set CI=true to make this a failure)");
    }
  }

  /** Empties every table of the stores. */
  static void truncate(JdbcStores stores) {
    try (Connection connection = stores.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      for (String table : TABLES) {
        statement.execute((stores.isPostgres() ? "TRUNCATE TABLE " : "DELETE FROM ") + table);
      }
      if (stores.isPostgres()) {
        for (String table : POSTGRES_TABLES) {
          statement.execute("TRUNCATE TABLE " + table);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Closes the stores and drops their PostgreSQL schema, if they had one. */
  static void dispose(JdbcStores stores, JdbcConfig config) {
    if (stores != null) {
      stores.close();
    }
    if (config.url().startsWith("jdbc:postgresql:") && !config.schema().isEmpty()) {
      try (Connection connection = DriverManager.getConnection(config.url(), config.user(), config.password());
          Statement statement = connection.createStatement()) {
        statement.execute("DROP SCHEMA IF EXISTS " + config.schema() + " CASCADE");
      } catch (SQLException e) {
        throw new IllegalStateException("dropping test schema " + config.schema() + " failed", e);
      }
    }
  }
}
