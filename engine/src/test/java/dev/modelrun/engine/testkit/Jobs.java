package dev.modelrun.engine.testkit;

import dev.modelrun.core.billing.Billing;
import dev.modelrun.core.model.CallerIdentity;
import dev.modelrun.core.model.InputDescription;
import dev.modelrun.core.model.Job;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.model.JobSpec;
import dev.modelrun.core.model.ModelDescriptor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

/** Builders of jobs for store tests: {@code Jobs.submitted().items(3).priority(5).build()}. */
public final class Jobs {
  /** The instant test jobs are created at unless told otherwise. */
  public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  public static final CallerIdentity ALICE = new CallerIdentity("acme", "team-a", "alice", "alicekey");
  public static final CallerIdentity BOB = new CallerIdentity("acme", "team-b", "bob", "bobkey");

  private final boolean open;
  private JobId id = JobId.of(UUID.randomUUID());
  private CallerIdentity owner = ALICE;
  private ModelDescriptor model = EchoModel.DESCRIPTOR;
  private JobSpec spec = JobSpec.defaults();
  private int items = 1;
  private Instant at = T0;

  private Jobs(boolean open) {
    this.open = open;
  }

  /** A SUBMITTED job of the echo model, owned by {@link #ALICE}, one item, created at {@link #T0}. */
  public static Jobs submitted() {
    return new Jobs(false);
  }

  /** An OPEN (chunked) job of the echo model. */
  public static Jobs open() {
    return new Jobs(true);
  }

  /** The names {@code item-1} ... {@code item-n}. */
  public static List<String> itemNames(int n) {
    return IntStream.rangeClosed(1, n).mapToObj(i -> "item-" + i).toList();
  }

  public Jobs id(JobId newId) {
    this.id = newId;
    return this;
  }

  public Jobs owner(CallerIdentity newOwner) {
    this.owner = newOwner;
    return this;
  }

  public Jobs model(ModelDescriptor newModel) {
    this.model = newModel;
    return this;
  }

  public Jobs items(int count) {
    this.items = count;
    return this;
  }

  public Jobs priority(int priority) {
    this.spec = spec.withPriority(priority);
    return this;
  }

  public Jobs name(String name) {
    this.spec = spec.withName(name);
    return this;
  }

  public Jobs timeout(Duration timeout) {
    this.spec = spec.withTimeout(timeout);
    return this;
  }

  public Jobs at(Instant instant) {
    this.at = instant;
    return this;
  }

  public Job build() {
    if (open) {
      return Job.open(id, spec, owner, model, at);
    }
    return Job.submitted(id, spec, owner, model, InputDescription.of("text"), items,
        Billing.of(items, model.pricing()), items * 10L, at);
  }

  /** The item names of the job built with {@link #items}. */
  public List<String> names() {
    return open ? List.of() : itemNames(items);
  }
}
