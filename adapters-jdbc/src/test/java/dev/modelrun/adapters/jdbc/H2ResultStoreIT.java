package dev.modelrun.adapters.jdbc;

import dev.modelrun.core.port.out.ResultStore;
import dev.modelrun.engine.testkit.ResultStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class H2ResultStoreIT extends ResultStoreContract {
  private static JdbcConfig config;
  private static JdbcStores stores;

  @BeforeAll
  static void openDatabase() {
    config = TestDatabases.h2();
    stores = JdbcStores.open(config);
  }

  @AfterAll
  static void dropDatabase() {
    TestDatabases.dispose(stores, config);
  }

  @Override
  protected ResultStore newStore() {
    TestDatabases.truncate(stores);
    return stores.resultStore();
  }
}
