package dev.modelrun.adapters.jdbc;

import dev.modelrun.core.port.out.InputStore;
import dev.modelrun.engine.testkit.InputStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class H2InputStoreIT extends InputStoreContract {
  @RegisterExtension
  static final TestStores DB = TestStores.h2();

  @Override
  protected InputStore newStore() {
    DB.truncate();
    return DB.stores().inputStore();
  }
}
