package dev.modelrun.benchmarks;

import dev.modelrun.core.billing.Pricing;
import dev.modelrun.core.model.CallerIdentity;
import dev.modelrun.core.model.JobRequest;
import dev.modelrun.core.model.JobSpec;
import dev.modelrun.core.model.ModelDescriptor;
import dev.modelrun.core.model.ModelInput;
import dev.modelrun.core.model.ModelOutput;
import dev.modelrun.core.model.ModelRef;
import dev.modelrun.core.model.ModelTimeouts;
import dev.modelrun.core.model.OutputValue;
import dev.modelrun.core.model.TextInput;
import dev.modelrun.core.port.in.SubmitJobCommand;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The one model descriptor every ModelRun case uses, and the jobs submitted to it. */
final class BenchModels {
  static final CallerIdentity CALLER = new CallerIdentity("bench", "bench", "bench", "benchkey");
  static final ModelDescriptor DESCRIPTOR = new ModelDescriptor(ModelRef.of("bench", "1.0.0"), "Bench",
      "does nothing but what the benchmark counts", List.of(new ModelInput("input.txt", List.of("text/plain"), 64)),
      List.of(new ModelOutput("results.json", "text/plain")), List.of(), List.of(), false, false, Pricing.of(1, 1),
      ModelTimeouts.of(Duration.ofSeconds(1), Duration.ofSeconds(30)));
  static final Map<String, OutputValue> OUTPUT = Map.of("results.json", OutputValue.text("ok"));

  private BenchModels() {}

  /** A job of items {@code item-<first>} to {@code item-<first+count-1>}, each input the item's number. */
  static SubmitJobCommand job(int first, int count) {
    Map<String, Map<String, String>> sources = LinkedHashMap.newLinkedHashMap(count);
    for (int i = first; i < first + count; i++) {
      sources.put("item-" + i, Map.of("input.txt", Integer.toString(i)));
    }
    return SubmitJobCommand.of(CALLER, new JobRequest(DESCRIPTOR.ref(), JobSpec.defaults(), new TextInput(sources)));
  }
}
