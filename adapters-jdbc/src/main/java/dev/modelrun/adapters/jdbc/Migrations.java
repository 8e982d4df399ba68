package dev.modelrun.adapters.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a schema to the latest version: applies, in order and each in its own transaction, the numbered SQL scripts
 * of the dialect that {@code mr_schema_version} does not list yet. Nodes starting together on PostgreSQL take turns
 * through a lock on that table.
 */
final class Migrations {
  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

  /** The scripts, in order: {@code V<n>__<description>.sql} in the dialect's folder. */
  static final List<String> SCRIPTS = List.of("V1__job_store.sql", "V2__input_references.sql",
      "V3__indexed_claims.sql", "V4__range_claims.sql");

  private Migrations() {}

  static void migrate(DataSource dataSource, Dialect dialect) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE IF NOT EXISTS mr_schema_version (version INT PRIMARY KEY, "
            + "description VARCHAR(200) NOT NULL, applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
      }
      connection.commit();
      for (int i = 0; i < SCRIPTS.size(); i++) {
        apply(connection, dialect, i + 1, SCRIPTS.get(i));
      }
    } catch (SQLException e) {
      throw new StoreException("migrating the database schema failed", e);
    }
  }

  private static void apply(Connection connection, Dialect dialect, int version, String script) throws SQLException {
    try {
      if (dialect == Dialect.POSTGRESQL) {
        try (Statement lock = connection.createStatement()) {
          lock.execute("LOCK TABLE mr_schema_version IN EXCLUSIVE MODE");
        }
      }
      if (applied(connection, version)) {
        connection.commit();
        return;
      }
      try (Statement statement = connection.createStatement()) {
        for (String sql : statements(read(dialect.migrationFolder() + "/" + script))) {
          statement.execute(sql);
        }
      }
      try (PreparedStatement record = connection.prepareStatement(
          "INSERT INTO mr_schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
        record.setInt(1, version);
        record.setString(2, script);
        record.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
        record.executeUpdate();
      }
      connection.commit();
      LOG.info("applied schema migration {}", script);
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    }
  }

  private static boolean applied(Connection connection, int version) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(
        "SELECT 1 FROM mr_schema_version WHERE version = ?")) {
      query.setInt(1, version);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next();
      }
    }
  }

  /** The statements of a script: separated by a semicolon at the end of a line; {@code --} lines are comments. */
  static List<String> statements(String script) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : script.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("--")) {
        continue;
      }
      current.append(line).append('\n');
      if (trimmed.endsWith(";")) {
        String sql = current.toString().strip();
        statements.add(sql.substring(0, sql.length() - 1));
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      statements.add(current.toString().strip());
    }
    return statements;
  }

  private static String read(String resource) {
    try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing migration script " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read migration script " + resource, e);
    }
  }
}
