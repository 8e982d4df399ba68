package dev.modelrun.engine;

import dev.modelrun.engine.testkit.JobStoreContract;

class InMemoryJobStoreTest extends JobStoreContract<InMemoryJobStore> {
  @Override
  protected InMemoryJobStore newStore() {
    return new InMemoryJobStore();
  }
}
