package dev.modelrun.engine;

import static dev.modelrun.engine.Fixtures.WAIT;
import static dev.modelrun.engine.Fixtures.items;
import static dev.modelrun.engine.Fixtures.text;
import static dev.modelrun.engine.testkit.Jobs.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelrun.core.model.InputData;
import dev.modelrun.core.model.ItemSuccess;
import dev.modelrun.core.model.Job;
import dev.modelrun.core.model.JobCounters;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.model.JobStatus;
import dev.modelrun.core.model.ModelDescriptor;
import dev.modelrun.core.model.ModelRef;
import dev.modelrun.core.model.OutputValue;
import dev.modelrun.core.port.in.JobResults;
import dev.modelrun.core.port.out.ItemModel;
import dev.modelrun.engine.testkit.EchoModel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Item models that take several items per call ({@link ItemModel#batchSize} above 1). */
class ItemBatchTest {
  private final BatchingEcho batching = new BatchingEcho();
  private final ModelRunEngine engine = ModelRunEngine.builder().model(batching).workers(2).build();

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void items_run_in_calls_of_at_most_the_batch_size_and_each_gets_its_own_output() throws Exception {
    Job job = engine.await(submit(items(200)), WAIT);

    assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(job.counters().completed()).isEqualTo(200);
    JobResults results = engine.results(ALICE, job.id());
    for (int i = 1; i <= 200; i++) {
      assertThat(results.results().get("item-" + i).outputs().get("results.json").text())
          .isEqualTo("text-" + i);
    }
    assertThat(batching.callSizes).allSatisfy(size -> assertThat(size).isBetween(1, 8));
    assertThat(batching.callSizes).anySatisfy(size -> assertThat(size).isGreaterThan(1));
    assertThat(batching.callSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(200);
  }

  @Test
  void claims_hold_whole_calls_so_every_call_is_full_when_the_items_divide_by_the_batch_size() throws Exception {
    // why: the first claim, before any estimate, and those after it hold whole calls: no call of fewer items.
    Job job = engine.await(submit(items(400)), WAIT);

    assertThat(job.counters().completed()).isEqualTo(400);
    assertThat(batching.callSizes).hasSize(50).allSatisfy(size -> assertThat(size).isEqualTo(8));
  }

  @Test
  void a_failing_call_fails_every_item_of_it_with_the_models_message() throws Exception {
    Job job = engine.await(submit(Map.of("a", "fail:the server said no", "b", "fail:the server said no")), WAIT);

    // why: a job whose every item failed ends in ERROR
    assertThat(job.status()).isEqualTo(JobStatus.ERROR);
    assertThat(job.counters()).isEqualTo(new JobCounters(2, 0, 0, 0, 2));
    JobResults results = engine.results(ALICE, job.id());
    assertThat(results.failures().get("a").error()).isEqualTo("the server said no");
    assertThat(results.failures().get("b").error()).isEqualTo("the server said no");
  }

  @Test
  void the_items_of_one_call_share_its_start_end_and_latency() throws Exception {
    // why: a clock that moves at every reading, so an end read for each item would differ from item to item.
    try (ModelRunEngine ticking = ModelRunEngine.builder().model(new BatchingEcho()).workers(1)
        .clock(new TickingClock()).build()) {
      JobId id = ticking.submit(text(BatchingEcho.DESCRIPTOR.ref(), items(8))).job().job().id();
      Collection<ItemSuccess> results = ticking.results(ALICE, ticking.await(id, WAIT).id()).results().values();

      ItemSuccess first = results.iterator().next();
      assertThat(results).hasSize(8).allSatisfy(result -> {
        assertThat(result.startTime()).isEqualTo(first.startTime());
        assertThat(result.endTime()).isEqualTo(first.endTime()).isAfter(first.startTime());
        assertThat(result.modelLatency()).isEqualTo(first.modelLatency());
      });
    }
  }

  private JobId submit(Map<String, String> items) {
    return engine.submit(text(BatchingEcho.DESCRIPTOR.ref(), items)).job().job().id();
  }

  /** A clock one microsecond further on at every reading. */
  private static final class TickingClock extends Clock {
    private final AtomicLong micros = new AtomicLong(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli() * 1000);

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      long now = micros.incrementAndGet();
      return Instant.ofEpochSecond(now / 1_000_000, now % 1_000_000 * 1000);
    }
  }

  /** Echoes each item, taking up to 8 per call; a call with any text {@code fail:why} fails whole. */
  private static final class BatchingEcho implements ItemModel {
    static final ModelDescriptor DESCRIPTOR = EchoModel.descriptor(ModelRef.of("batching", "1"), false);
    final List<Integer> callSizes = new CopyOnWriteArrayList<>();

    @Override
    public ModelDescriptor descriptor() {
      return DESCRIPTOR;
    }

    @Override
    public int batchSize() {
      return 8;
    }

    @Override
    public Map<String, OutputValue> run(Map<String, InputData> inputs, boolean explain) {
      throw new AssertionError("a batching model is called with batches");
    }

    @Override
    public List<Map<String, OutputValue>> runBatch(List<Map<String, InputData>> items, boolean explain)
        throws Exception {
      callSizes.add(items.size());
      List<Map<String, OutputValue>> outputs = new ArrayList<>();
      for (Map<String, InputData> item : items) {
        String text = new String(item.get("input.txt").content().read(), StandardCharsets.UTF_8);
        if (text.startsWith("fail:")) {
          throw new IllegalStateException(text.substring("fail:".length()));
        }
        outputs.add(Map.of("results.json", OutputValue.text(text)));
      }
      return outputs;
    }
  }
}
