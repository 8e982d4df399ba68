package dev.modelrun.engine;

import static dev.modelrun.engine.testkit.Jobs.ALICE;

import dev.modelrun.core.model.CallerIdentity;
import dev.modelrun.core.model.ItemResult;
import dev.modelrun.core.model.Job;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.model.JobRequest;
import dev.modelrun.core.model.JobSpec;
import dev.modelrun.core.model.ModelRef;
import dev.modelrun.core.model.TextInput;
import dev.modelrun.core.port.in.SubmitJobCommand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Requests, a recording listener and a bounded wait for engine tests. */
final class Fixtures {
  static final Duration WAIT = Duration.ofSeconds(20);

  private Fixtures() {}

  /** A text job of {@code model}: item name to text, for input {@code input.txt}. */
  static SubmitJobCommand text(CallerIdentity caller, ModelRef model, JobSpec spec, Map<String, String> items) {
    Map<String, Map<String, String>> sources = new LinkedHashMap<>();
    items.forEach((item, text) -> sources.put(item, Map.of("input.txt", text)));
    return SubmitJobCommand.of(caller, new JobRequest(model, spec, new TextInput(sources)));
  }

  static SubmitJobCommand text(ModelRef model, Map<String, String> items) {
    return text(ALICE, model, JobSpec.defaults(), items);
  }

  /** {@code count} items {@code item-1..n} with texts {@code text-1..n}. */
  static Map<String, String> items(int count) {
    Map<String, String> items = new LinkedHashMap<>();
    for (int i = 1; i <= count; i++) {
      items.put("item-" + i, "text-" + i);
    }
    return items;
  }

  /** Waits up to {@link #WAIT} for {@code condition}; false when it never held. */
  static boolean eventually(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      TimeUnit.MILLISECONDS.sleep(2);
    }
    return true;
  }

  /** Records every event, in order, as text: {@code submitted <id>}, {@code item <id> <item>}, ... */
  static final class RecordingListener implements JobListener {
    private final List<String> events = new ArrayList<>();

    @Override
    public synchronized void submitted(Job job) {
      events.add("submitted " + job.id());
    }

    @Override
    public synchronized void started(Job job) {
      events.add("started " + job.id());
    }

    @Override
    public synchronized void itemDone(Job job, ItemResult result) {
      events.add("item " + job.id() + " " + result.item());
    }

    @Override
    public synchronized void finished(Job job) {
      events.add("finished " + job.id() + " " + job.status());
    }

    synchronized List<String> of(JobId job) {
      return events.stream().filter(event -> event.contains(job.value())).map(event -> event.replace(
          " " + job.value(), "")).toList();
    }

    synchronized List<String> all() {
      return List.copyOf(events);
    }
  }
}
