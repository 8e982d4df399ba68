package dev.modelrun.engine.testkit;

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

/**
 * Echoes its text input as its output; an input starting with {@code fail:} fails the item with the rest as message.
 * Input {@code input.txt} (text, at most {@link #MAX_SIZE} bytes), output {@code results.json}.
 */
public final class EchoModel implements ItemModel {
  public static final int MAX_SIZE = 1024;
  public static final ModelDescriptor DESCRIPTOR = descriptor(ModelRef.of("echo", "1.0.0"), false);

  private final ModelDescriptor descriptor;

  public EchoModel() {
    this(DESCRIPTOR);
  }

  public EchoModel(ModelDescriptor descriptor) {
    this.descriptor = descriptor;
  }

  /** An echo model under another reference. */
  public static EchoModel as(String identifier, String version) {
    return new EchoModel(descriptor(ModelRef.of(identifier, version), false));
  }

  /** An echo model that supports explain (its explanation is the text reversed). */
  public static EchoModel explaining(String identifier) {
    return new EchoModel(descriptor(ModelRef.of(identifier, "1.0.0"), true));
  }

  public static ModelDescriptor descriptor(ModelRef ref, boolean explain) {
    return descriptor(ref, explain, Duration.ofSeconds(10));
  }

  /** The descriptor of an echo model whose calls may run at most {@code runTimeout} each. */
  public static ModelDescriptor descriptor(ModelRef ref, boolean explain, Duration runTimeout) {
    return new ModelDescriptor(ref, "Echo " + ref.identifier(), "echoes its input",
        List.of(new ModelInput("input.txt", List.of("text/plain"), MAX_SIZE)),
        List.of(new ModelOutput("results.json", "text/plain")), List.of(), List.of(), explain, false,
        Pricing.of(1, 1), ModelTimeouts.of(Duration.ofSeconds(1), runTimeout));
  }

  @Override
  public ModelDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public Map<String, OutputValue> run(Map<String, InputData> inputs, boolean explain) throws Exception {
    String text = new String(inputs.get("input.txt").content().read(), StandardCharsets.UTF_8);
    if (text.startsWith("fail:")) {
      throw new IllegalArgumentException(text.substring("fail:".length()));
    }
    String output = explain ? text + "|" + new StringBuilder(text).reverse() : text;
    return Map.of("results.json", OutputValue.text(output));
  }
}
