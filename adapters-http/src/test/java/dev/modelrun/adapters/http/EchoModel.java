package dev.modelrun.adapters.http;

import dev.modelrun.core.billing.Pricing;
import dev.modelrun.core.model.InputData;
import dev.modelrun.core.model.ModelDescriptor;
import dev.modelrun.core.model.ModelInput;
import dev.modelrun.core.model.ModelOutput;
import dev.modelrun.core.model.ModelRef;
import dev.modelrun.core.model.ModelTimeouts;
import dev.modelrun.core.model.OutputValue;
import dev.modelrun.core.port.out.ItemModel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A model for the edge's tests: echoes its text input; "fail" fails the item, "sleep" runs until interrupted. */
final class EchoModel implements ItemModel {
  static final ModelRef REF = ModelRef.of("echo", "1.0.0");

  @Override
  public ModelDescriptor descriptor() {
    return new ModelDescriptor(REF, "Echo", "echoes its input",
        List.of(new ModelInput("input.txt", List.of("text/plain"), 1_000_000)),
        List.of(new ModelOutput("results.json", "application/json")),
        List.of(), List.of(), false, false, Pricing.of(1, 1),
        ModelTimeouts.of(Duration.ofMinutes(1), Duration.ofMinutes(1)));
  }

  @Override
  public Map<String, OutputValue> run(Map<String, InputData> inputs, boolean explain) throws Exception {
    String text = new String(inputs.get("input.txt").content().read(), StandardCharsets.UTF_8);
    if (text.equals("fail")) {
      throw new IllegalStateException("asked to fail");
    }
    if (text.equals("sleep")) {
      Thread.sleep(Duration.ofMinutes(5));
    }
    String escaped = text.replace("\\", "\\\\").replace("\"", "\\\"");
    return Map.of("results.json", OutputValue.json("{\"echo\":\"" + escaped + "\"}"));
  }
}
