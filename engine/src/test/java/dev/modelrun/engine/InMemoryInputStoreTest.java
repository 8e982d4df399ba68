package dev.modelrun.engine;

import dev.modelrun.core.port.out.InputStore;
import dev.modelrun.engine.testkit.InputStoreContract;

class InMemoryInputStoreTest extends InputStoreContract {
  @Override
  protected InputStore newStore() {
    return new InMemoryInputStore();
  }
}
