package dev.modelrun.engine;

import static dev.modelrun.engine.Fixtures.WAIT;
import static dev.modelrun.engine.Fixtures.eventually;
import static dev.modelrun.engine.Fixtures.items;
import static dev.modelrun.engine.Fixtures.text;
import static dev.modelrun.engine.testkit.Jobs.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelrun.core.model.InputData;
import dev.modelrun.core.model.Job;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.model.JobStatus;
import dev.modelrun.core.model.ModelDescriptor;
import dev.modelrun.core.model.ModelRef;
import dev.modelrun.core.model.OutputValue;
import dev.modelrun.core.port.out.ItemModel;
import dev.modelrun.engine.testkit.EchoModel;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Claims are sized by the model's time alone, so a claim whose items are slow to read (S3 objects) runs for long; it
 * reports what it has done as it goes, so its first items are done for everyone while it still runs the others.
 */
class LongClaimTest {
  private final GatedEcho model = new GatedEcho();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final ModelRunEngine engine = ModelRunEngine.builder().model(model).workers(1).meterRegistry(meters)
      .build();

  @AfterEach
  void close() {
    model.gate.countDown();
    engine.close();
  }

  @Test
  void a_long_claim_completes_its_first_items_while_it_still_runs_the_others() throws Exception {
    // why: a first job at full speed teaches the engine the model's pace, so one claim takes the next job whole.
    engine.await(submit(items(2_000)), WAIT);
    long claimsBefore = claims();

    JobId id = submit(slowThenGated());
    // why: the first window of the claim took longer than a report's interval (its first item is slow), so it is
    // reported before the second window runs; that one waits at its gated item until the test has seen the report.
    boolean reported = eventually(() -> completed(id) == 256);
    Job running = engine.get(ALICE, id).job();
    int resultsWhileRunning = engine.results(ALICE, id).results().size();
    model.gate.countDown();
    Job done = engine.await(id, WAIT);

    assertThat(reported).as("the first 256 items completed while the claim ran").isTrue();
    assertThat(running.status()).isEqualTo(JobStatus.IN_PROGRESS);
    assertThat(running.counters().inProgress()).isEqualTo(44);
    assertThat(resultsWhileRunning).isEqualTo(256);
    assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(done.counters().completed()).isEqualTo(300);
    assertThat(engine.results(ALICE, id).results().get("item-299").outputs().get("results.json").text())
        .isEqualTo("text-299");
    assertThat(claims() - claimsBefore).as("claims of the second job").isEqualTo(1);
  }

  @Test
  void a_cancel_after_a_report_keeps_the_reported_items_and_stops_the_rest() throws Exception {
    engine.await(submit(items(2_000)), WAIT);
    JobId id = submit(slowThenGated());
    assertThat(eventually(() -> completed(id) == 256)).isTrue();

    engine.cancel(ALICE, id);
    Job canceled = engine.await(id, WAIT);

    assertThat(canceled.status()).isEqualTo(JobStatus.CANCELED);
    assertThat(canceled.counters().completed()).isEqualTo(256);
    assertThat(canceled.counters().inProgress()).isZero();
    assertThat(engine.results(ALICE, id).results()).hasSize(256).containsKeys("item-0", "item-255")
        .doesNotContainKey("item-256");
    // why: the worker is free again: it was interrupted at the gated item, not left waiting for the gate.
    assertThat(engine.await(submit(items(10)), WAIT).status()).isEqualTo(JobStatus.COMPLETED);
  }

  /** 300 items: the first takes 100 ms, the 281st waits for the gate. */
  private static Map<String, String> slowThenGated() {
    Map<String, String> items = new LinkedHashMap<>();
    for (int i = 0; i < 300; i++) {
      items.put("item-" + i, i == 0 ? "slow" : i == 280 ? "gated" : "text-" + i);
    }
    return items;
  }

  private long completed(JobId id) {
    return engine.get(ALICE, id).job().counters().completed();
  }

  private long claims() {
    Timer claims = meters.find("modelrun.store.claim").tag("result", "claimed").timer();
    return claims == null ? 0 : claims.count();
  }

  private JobId submit(Map<String, String> items) {
    return engine.submit(text(GatedEcho.DESCRIPTOR.ref(), items)).job().job().id();
  }

  /** Echoes each item; text {@code slow} takes 100 ms, text {@code gated} waits for the gate. */
  private static final class GatedEcho implements ItemModel {
    static final ModelDescriptor DESCRIPTOR = EchoModel.descriptor(ModelRef.of("gated", "1"), false);
    final CountDownLatch gate = new CountDownLatch(1);

    @Override
    public ModelDescriptor descriptor() {
      return DESCRIPTOR;
    }

    @Override
    public Map<String, OutputValue> run(Map<String, InputData> inputs, boolean explain) throws Exception {
      String text = new String(inputs.get("input.txt").content().read(), StandardCharsets.UTF_8);
      switch (text) {
        case "slow" -> TimeUnit.MILLISECONDS.sleep(100);
        case "gated" -> gate.await(1, TimeUnit.MINUTES);
        default -> { }
      }
      return Map.of("results.json", OutputValue.text(text));
    }
  }
}
