package dev.modelrun.adapters.jdbc;

import dev.modelrun.core.port.out.ResultStore;
import dev.modelrun.engine.testkit.ResultStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresResultStoreIT extends ResultStoreContract {
  @RegisterExtension
  static final TestStores DB = TestStores.postgres();

  @Override
  protected ResultStore newStore() {
    DB.truncate();
    return DB.stores().resultStore();
  }
}
