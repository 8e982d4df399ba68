package dev.modelrun.benchmarks;

import dev.modelrun.adapters.jdbc.JdbcConfig;
import dev.modelrun.adapters.jdbc.JdbcStores;
import dev.modelrun.core.port.out.ItemModel;
import dev.modelrun.engine.ModelRunEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * ModelRun nodes on one database, each an engine with a pool of its own, wired as the app wires them (new work on
 * any node wakes the idle workers of all). A node can be crashed: its pool closed under it, so it can neither
 * complete, renew nor hand back its work, which waits for its leases to expire.
 */
final class ModelRunCluster implements AutoCloseable {
  /** One node: its number, its stores and its engine. */
  record Node(int number, JdbcStores stores, ModelRunEngine engine) {}

  private final JdbcConfig config;
  private final int workers;
  private final Consumer<ModelRunEngine.Builder> tuning;
  private final List<Node> nodes = new ArrayList<>();
  private int started;

  /**
   * @param tuning engine settings beyond the stores, the model, the workers and the node id (lease, sweeps)
   */
  ModelRunCluster(JdbcConfig config, int workers, Consumer<ModelRunEngine.Builder> tuning) {
    this.config = config.withMaxPoolSize(workers + 4);
    this.workers = workers;
    this.tuning = tuning;
  }

  /** Starts a node numbered in order of start (0, 1, ...) running {@code model}. */
  Node start(ItemModel model) {
    int number = started++;
    JdbcStores stores = JdbcStores.open(config);
    try {
      ModelRunEngine.Builder builder = ModelRunEngine.builder().model(model).jobStore(stores.jobStore())
          .resultStore(stores.resultStore()).inputStore(stores.inputStore()).workers(workers)
          .nodeId("bench-node-" + number);
      tuning.accept(builder);
      ModelRunEngine engine = builder.build();
      stores.onNewWork(engine::workArrived);
      Node node = new Node(number, stores, engine);
      nodes.add(node);
      return node;
    } catch (RuntimeException e) {
      stores.close();
      throw e;
    }
  }

  /** The node started {@code index}-th among the live ones. */
  Node node(int index) {
    return nodes.get(index);
  }

  int size() {
    return nodes.size();
  }

  /**
   * Crashes a live node: its pool goes away under the running engine first, so whatever the engine does next (its
   * close hands work back) reaches no database; its items wait for their leases to expire.
   */
  void crash(Node node) {
    nodes.remove(node);
    node.stores().close();
    node.engine().close();
  }

  @Override
  public void close() {
    nodes.forEach(node -> node.engine().close());
    nodes.forEach(node -> node.stores().close());
    nodes.clear();
  }
}
