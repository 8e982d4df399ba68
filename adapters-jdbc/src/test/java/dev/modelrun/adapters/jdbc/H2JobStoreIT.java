package dev.modelrun.adapters.jdbc;

import dev.modelrun.engine.testkit.JobStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class H2JobStoreIT extends JobStoreContract<JdbcJobStore> {
  @RegisterExtension
  static final TestStores DB = TestStores.h2();

  @Override
  protected JdbcJobStore newStore() {
    DB.truncate();
    return DB.stores().jobStore();
  }
}
