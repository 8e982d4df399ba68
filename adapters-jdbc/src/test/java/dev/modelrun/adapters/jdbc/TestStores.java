package dev.modelrun.adapters.jdbc;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The stores of a test class on a new database of {@link TestDatabases}, opened before its tests and dropped after
 * them: {@code @RegisterExtension static final TestStores DB = TestStores.postgres();}. On PostgreSQL the class is
 * skipped where the database is unreachable, except in CI.
 */
final class TestStores implements BeforeAllCallback, AfterAllCallback {
  private final Supplier<JdbcConfig> database;
  private JdbcConfig config;
  private JdbcStores stores;

  private TestStores(Supplier<JdbcConfig> database) {
    this.database = database;
  }

  static TestStores h2() {
    return new TestStores(TestDatabases::h2);
  }

  static TestStores postgres() {
    return new TestStores(TestDatabases::postgres);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    config = database.get();
    stores = JdbcStores.open(config);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (stores != null) {
      TestDatabases.dispose(stores, config);
    }
  }

  JdbcStores stores() {
    return stores;
  }

  JdbcConfig config() {
    return config;
  }

  /** Empties every table of the stores. */
  void truncate() {
    TestDatabases.truncate(stores);
  }
}
