package dev.modelrun.adapters.http;

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
import java.util.concurrent.CountDownLatch;

/** A tabular model for the edge's tests: fields x, y (numbers), output field sum; waits on {@code hold} when set. */
final class SumModel implements TabularModel {
  static final ModelDescriptor DESCRIPTOR = new ModelDescriptor(ModelRef.of("sum", "1.0.0"), "Sum", "x + y",
      List.of(), List.of(), List.of(Field.of("x", FieldType.NUMBER), Field.of("y", FieldType.NUMBER)),
      List.of(Field.of("sum", FieldType.NUMBER)), false, false, Pricing.of(5, 20),
      ModelTimeouts.of(Duration.ofSeconds(1), Duration.ofSeconds(10)));
  volatile CountDownLatch hold;

  @Override
  public ModelDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public List<Map<String, Object>> run(List<Map<String, Object>> records) throws InterruptedException {
    CountDownLatch latch = hold;
    if (latch != null) {
      latch.await();
    }
    return records.stream().map(record -> Map.<String, Object>of("sum",
        ((BigDecimal) record.get("x")).add((BigDecimal) record.get("y")))).toList();
  }
}
