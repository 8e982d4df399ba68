package dev.modelrun.adapters.jdbc;

import dev.modelrun.engine.testkit.JobStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresJobStoreIT extends JobStoreContract<JdbcJobStore> {
  @RegisterExtension
  static final TestStores DB = TestStores.postgres();

  @Override
  protected JdbcJobStore newStore() {
    DB.truncate();
    return DB.stores().jobStore();
  }
}
