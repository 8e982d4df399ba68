package dev.modelrun.benchmarks;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Every model call of a failure case, by item, node and start time, shared by the models of all nodes; and which
 * nodes are dead, whose models neither run nor count any more.
 */
final class CallLog {
  /** One call: the item's number, the node's number, {@link System#nanoTime()} when it started. */
  record Call(int item, int node, long at) {}

  private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
  private final Set<Integer> dead = ConcurrentHashMap.newKeySet();

  void record(int item, int node) {
    calls.add(new Call(item, node, System.nanoTime()));
  }

  void kill(int node) {
    dead.add(node);
  }

  boolean isDead(int node) {
    return dead.contains(node);
  }

  List<Call> calls() {
    return List.copyOf(calls);
  }

  int size() {
    return calls.size();
  }
}
