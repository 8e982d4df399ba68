package dev.modelrun.adapters.jdbc;

import dev.modelrun.core.port.out.InputStore;
import dev.modelrun.engine.testkit.InputStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresInputStoreIT extends InputStoreContract {
  private static JdbcConfig config;
  private static JdbcStores stores;

  @BeforeAll
  static void openDatabase() {
    config = TestDatabases.postgres();
    stores = JdbcStores.open(config);
  }

  @AfterAll
  static void dropDatabase() {
    TestDatabases.dispose(stores, config);
  }

  @Override
  protected InputStore newStore() {
    TestDatabases.truncate(stores);
    return stores.inputStore();
  }
}
