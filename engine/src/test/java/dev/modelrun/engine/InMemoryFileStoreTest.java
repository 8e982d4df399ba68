package dev.modelrun.engine;

import dev.modelrun.core.port.out.FileStore;
import dev.modelrun.engine.testkit.FileStoreContract;

class InMemoryFileStoreTest extends FileStoreContract {
  @Override
  protected FileStore newStore() {
    return new InMemoryFileStore();
  }
}
