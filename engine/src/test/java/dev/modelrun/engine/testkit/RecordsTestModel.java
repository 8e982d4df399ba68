package dev.modelrun.engine.testkit;

import dev.modelrun.core.billing.Pricing;
import dev.modelrun.core.model.Field;
import dev.modelrun.core.model.FieldType;
import dev.modelrun.core.model.ModelDescriptor;
import dev.modelrun.core.model.ModelRef;
import dev.modelrun.core.model.ModelTimeouts;
import dev.modelrun.core.port.out.TabularModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A tabular model of every field type: fields {@code id} (integer), {@code name} (string), {@code ok} (boolean),
 * {@code score} (number); output fields {@code id} (the same), {@code label} ({@code name + "!"}), {@code flipped}
 * ({@code !ok}), {@code double} ({@code score * 2}). Its batch size is given; it can be told to fail on one id, to
 * wait for a release before running, and to stall a little on some batches so batches finish out of order.
 */
public final class RecordsTestModel implements TabularModel {
  public static final ModelDescriptor DESCRIPTOR = new ModelDescriptor(ModelRef.of("records", "1.0.0"), "Records",
      "echoes records of every field type", List.of(), List.of(),
      List.of(Field.of("id", FieldType.INTEGER), Field.of("name", FieldType.STRING),
          Field.of("ok", FieldType.BOOLEAN), Field.of("score", FieldType.NUMBER)),
      List.of(Field.of("id", FieldType.INTEGER), Field.of("label", FieldType.STRING),
          Field.of("flipped", FieldType.BOOLEAN), Field.of("double", FieldType.NUMBER)),
      false, false, Pricing.of(10, 3), ModelTimeouts.of(Duration.ofSeconds(1), Duration.ofSeconds(10)));

  private final int batchSize;
  private volatile long failOnId = Long.MIN_VALUE;
  private volatile boolean shuffle;
  private final CountDownLatch release = new CountDownLatch(1);
  private volatile boolean blocking;
  private final CountDownLatch started = new CountDownLatch(1);
  private final java.util.concurrent.atomic.AtomicInteger largestCall = new java.util.concurrent.atomic.AtomicInteger();

  public RecordsTestModel(int batchSize) {
    this.batchSize = batchSize;
  }

  /** Fails every batch holding a record of this id. */
  public RecordsTestModel failingOn(long id) {
    this.failOnId = id;
    return this;
  }

  /** Sleeps a millisecond in every third batch, so that batches end out of order. */
  public RecordsTestModel shuffling() {
    this.shuffle = true;
    return this;
  }

  /** Waits in every call until {@link #release()}. */
  public RecordsTestModel blocking() {
    this.blocking = true;
    return this;
  }

  public void release() {
    release.countDown();
  }

  /** The most records one call was given. */
  public int largestCall() {
    return largestCall.get();
  }

  public boolean awaitStarted() throws InterruptedException {
    return started.await(20, TimeUnit.SECONDS);
  }

  @Override
  public ModelDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public int batchSize() {
    return batchSize;
  }

  @Override
  public List<Map<String, Object>> run(List<Map<String, Object>> records) throws InterruptedException {
    started.countDown();
    largestCall.accumulateAndGet(records.size(), Math::max);
    if (blocking) {
      release.await();
    }
    long first = (Long) records.getFirst().get("id");
    if (shuffle && first % 3 == 0) {
      TimeUnit.MILLISECONDS.sleep(1);
    }
    List<Map<String, Object>> outputs = new ArrayList<>(records.size());
    for (Map<String, Object> record : records) {
      long id = (Long) record.get("id");
      if (id == failOnId) {
        throw new IllegalStateException("record " + id + " is poison");
      }
      Map<String, Object> output = new LinkedHashMap<>();
      output.put("id", id);
      output.put("label", record.get("name") + "!");
      output.put("flipped", !(Boolean) record.get("ok"));
      output.put("double", ((java.math.BigDecimal) record.get("score")).multiply(java.math.BigDecimal.TWO));
      outputs.add(output);
    }
    return outputs;
  }
}
