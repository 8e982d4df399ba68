package dev.modelrun.engine.testkit;

import dev.modelrun.core.billing.Pricing;
import dev.modelrun.core.model.Field;
import dev.modelrun.core.model.FieldType;
import dev.modelrun.core.model.ModelDescriptor;
import dev.modelrun.core.model.ModelRef;
import dev.modelrun.core.model.ModelTimeouts;
import dev.modelrun.core.port.out.TabularModel;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A tabular model: fields {@code x}, {@code y} (numbers), output field {@code sum}. */
public final class TabularTestModel implements TabularModel {
  public static final ModelDescriptor DESCRIPTOR = new ModelDescriptor(ModelRef.of("tabular", "1.0.0"), "Tabular",
      "adds two numbers", List.of(), List.of(), List.of(Field.of("x", FieldType.NUMBER),
          Field.of("y", FieldType.NUMBER)), List.of(Field.of("sum", FieldType.NUMBER)), false, false,
      Pricing.of(5, 20), ModelTimeouts.of(Duration.ofSeconds(1), Duration.ofSeconds(10)));

  @Override
  public ModelDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public List<Map<String, Object>> run(List<Map<String, Object>> records) {
    return records.stream()
        .map(record -> Map.<String, Object>of("sum",
            ((BigDecimal) record.get("x")).add((BigDecimal) record.get("y"))))
        .toList();
  }
}
