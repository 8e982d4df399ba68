package dev.modelrun.adapters.jdbc;

import dev.modelrun.engine.testkit.JobStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresJobStoreIT extends JobStoreContract<JdbcJobStore> {
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
  protected JdbcJobStore newStore() {
    TestDatabases.truncate(stores);
    return stores.jobStore();
  }
}
