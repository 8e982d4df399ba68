package dev.modelrun.app.models;

import dev.modelrun.core.billing.Pricing;
import dev.modelrun.core.model.Field;
import dev.modelrun.core.model.FieldRecord;
import dev.modelrun.core.model.FieldType;
import dev.modelrun.core.model.ModelDescriptor;
import dev.modelrun.core.model.ModelRef;
import dev.modelrun.core.model.ModelTimeouts;
import dev.modelrun.core.port.out.TabularModel;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Tabular Demo ({@code tabular-demo} 1.0.0): for numbers {@code x} and {@code y}, outputs {@code a = x + y}, {@code b
 * = x * y}, exact, and {@code c = "pos"} when {@code x * y >= 0}, else {@code "neg"}.
 */
public final class TabularDemoModel implements TabularModel {
  private static final ModelDescriptor DESCRIPTOR = new ModelDescriptor(
      ModelRef.of("tabular-demo", "1.0.0"),
      "Tabular Demo",
      "Adds and multiplies two numbers exactly, and says whether their product is positive (or zero) or negative.",
      List.of(),
      List.of(),
      List.of(Field.of("x", FieldType.NUMBER), Field.of("y", FieldType.NUMBER)),
      List.of(Field.of("a", FieldType.NUMBER), Field.of("b", FieldType.NUMBER), Field.of("c", FieldType.STRING)),
      false,
      false,
      Pricing.of(5, 20),
      ModelTimeouts.of(Duration.ofSeconds(60), Duration.ofSeconds(30)));

  private static final FieldRecord.Shape OUTPUT = FieldRecord.Shape.of(
      DESCRIPTOR.outputFields().stream().map(Field::name).toList());

  /** A public no-argument constructor, for {@link java.util.ServiceLoader}. */
  public TabularDemoModel() {}

  @Override
  public ModelDescriptor descriptor() {
    return DESCRIPTOR;
  }

  /** @throws IllegalArgumentException naming the record and field when {@code x} or {@code y} is not a number */
  @Override
  public List<Map<String, Object>> run(List<Map<String, Object>> records) {
    List<Map<String, Object>> outputs = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      BigDecimal x = TabularModel.number(records.get(i), "x", i);
      BigDecimal y = TabularModel.number(records.get(i), "y", i);
      BigDecimal product = x.multiply(y);
      // why: three values over a shared shape, not a LinkedHashMap (a table, then a node per entry) per record.
      outputs.add(OUTPUT.record(new Object[] {x.add(y), product, product.signum() >= 0 ? "pos" : "neg"}));
    }
    return outputs;
  }
}
