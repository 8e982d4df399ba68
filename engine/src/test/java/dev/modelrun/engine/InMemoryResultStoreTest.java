package dev.modelrun.engine;

import dev.modelrun.core.port.out.ResultStore;
import dev.modelrun.engine.testkit.ResultStoreContract;

class InMemoryResultStoreTest extends ResultStoreContract {
  @Override
  protected ResultStore newStore() {
    return new InMemoryResultStore();
  }
}
