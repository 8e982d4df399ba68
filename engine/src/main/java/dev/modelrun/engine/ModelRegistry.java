package dev.modelrun.engine;

import static com.google.common.base.Preconditions.checkArgument;

import dev.modelrun.core.model.ModelDescriptor;
import dev.modelrun.core.model.ModelNotFoundException;
import dev.modelrun.core.model.ModelRef;
import dev.modelrun.core.port.in.ModelSummary;
import dev.modelrun.core.port.out.ItemModel;
import dev.modelrun.core.port.out.Model;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;

/** The models an engine runs, by reference, each with its concurrency limit and its running-time estimate. */
final class ModelRegistry {
  private final Map<ModelRef, Entry> byRef = new LinkedHashMap<>();
  private final Map<String, List<ModelDescriptor>> byIdentifier = new TreeMap<>();

  ModelRegistry(Collection<Model> models, Map<ModelRef, Integer> limits, int defaultLimit) {
    for (Model model : models) {
      ModelDescriptor descriptor = model.descriptor();
      int limit = limits.getOrDefault(descriptor.ref(), defaultLimit);
      checkArgument(byRef.put(descriptor.ref(), new Entry(model, descriptor, limit)) == null,
          "model %s is registered twice", descriptor.ref());
      byIdentifier.computeIfAbsent(descriptor.ref().identifier(), id -> new ArrayList<>()).add(descriptor);
    }
    byIdentifier.values().forEach(versions -> versions.sort(
        Comparator.comparing(descriptor -> descriptor.ref().version(), ModelRegistry::compareVersions)));
    checkArgument(byRef.keySet().containsAll(limits.keySet()), "a concurrency limit names an unregistered model");
  }

  /** @throws ModelNotFoundException when the model or the version is unknown */
  Entry entry(ModelRef ref) {
    Entry entry = byRef.get(ref);
    if (entry == null) {
      throw byIdentifier.containsKey(ref.identifier())
          ? new ModelNotFoundException(ref.identifier(), ref.version())
          : new ModelNotFoundException(ref.identifier(), null);
    }
    return entry;
  }

  List<ModelSummary> summaries() {
    return byIdentifier.keySet().stream().map(this::summary).toList();
  }

  ModelSummary summary(String identifier) {
    List<ModelDescriptor> versions = byIdentifier.get(identifier);
    if (versions == null) {
      throw new ModelNotFoundException(identifier, null);
    }
    return new ModelSummary(identifier, versions.getLast().name(),
        versions.stream().map(descriptor -> descriptor.ref().version()).toList());
  }

  /** The batch size of a claim for each model with a free slot now; models without one are left out. */
  Map<ModelRef, Integer> batchSizes(long targetNanos, int maxBatch) {
    Map<ModelRef, Integer> sizes = HashMap.newHashMap(byRef.size());
    for (Entry entry : byRef.values()) {
      if (entry.slots.availablePermits() > 0) {
        sizes.put(entry.descriptor.ref(), entry.batchSize(targetNanos, maxBatch));
      }
    }
    return sizes;
  }

  // why: versions are dotted numbers in practice (0.0.27); compare numerically where both parts are numbers.
  static int compareVersions(String left, String right) {
    String[] a = left.split("\\.");
    String[] b = right.split("\\.");
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      int order = a[i].matches("\\d{1,9}") && b[i].matches("\\d{1,9}")
          ? Integer.compare(Integer.parseInt(a[i]), Integer.parseInt(b[i]))
          : a[i].compareTo(b[i]);
      if (order != 0) {
        return order;
      }
    }
    return Integer.compare(a.length, b.length);
  }

  /** One registered model: the model, its descriptor, the slots bounding its concurrent calls, its pace. */
  static final class Entry {
    final Model model;
    final ModelDescriptor descriptor;
    final Semaphore slots;
    // why: the items of one call of an item model that takes batches (1 otherwise).
    private final int callSize;
    // why: the batch of a claim is sized so that it holds a few milliseconds of work: one item at a time for a slow
    // model (results come out as they finish and other workers share the job), hundreds for a fast one.
    private volatile long nanosPerItem = -1;

    Entry(Model model, ModelDescriptor descriptor, int limit) {
      checkArgument(limit > 0, "the concurrency limit of %s must be > 0 but was %s", descriptor.ref(), limit);
      this.model = model;
      this.descriptor = descriptor;
      this.slots = new Semaphore(limit);
      this.callSize = model instanceof ItemModel item ? Math.max(1, item.batchSize()) : 1;
    }

    int batchSize(long targetNanos, int max) {
      long perItem = nanosPerItem;
      int items = perItem < 0 ? 1 : (int) Math.max(1, Math.min(max, targetNanos / Math.max(1, perItem)));
      // why: a claim of a model that takes batches holds whole calls, at least one: a claim's last call short of the
      // call size would cost a request of its own, and the first claim, before any estimate, one request per item.
      return callSize == 1 ? items : callSize * Math.max(1, items / callSize);
    }

    void observe(long nanos, int items) {
      if (items == 0) {
        return;
      }
      long sample = nanos / items;
      long previous = nanosPerItem;
      nanosPerItem = previous < 0 ? sample : (previous * 3 + sample) / 4;
    }
  }
}
