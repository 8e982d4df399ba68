package dev.modelrun.adapters.jdbc;

import dev.modelrun.engine.testkit.JobStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class H2JobStoreIT extends JobStoreContract<JdbcJobStore> {
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
  protected JdbcJobStore newStore() {
    TestDatabases.truncate(stores);
    return stores.jobStore();
  }
}
