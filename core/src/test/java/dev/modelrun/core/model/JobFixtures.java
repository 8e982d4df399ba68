package dev.modelrun.core.model;

import dev.modelrun.core.billing.Billing;
import dev.modelrun.core.billing.Pricing;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Jobs and models for the tests of the domain. */
final class JobFixtures {
  static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  static final JobId ID = JobId.of(UUID.fromString("6f1c2b3a-0000-4000-8000-000000000001"));
  static final CallerIdentity OWNER = new CallerIdentity("acme", "data", "ada", "k1");

  private JobFixtures() {}

  static ModelDescriptor itemModel() {
    return new ModelDescriptor(ModelRef.of("ed542963de", "0.0.27"), "Sentiment Analysis", "",
        List.of(new ModelInput("input.txt", List.of("text/plain"), 1024)),
        List.of(new ModelOutput("results.json", "application/json")), List.of(), List.of(), true, false,
        Pricing.of(1, 1), ModelTimeouts.of(Duration.ofSeconds(60), Duration.ofSeconds(30)));
  }

  static ModelDescriptor tabularModel() {
    return new ModelDescriptor(ModelRef.of("tabular-demo", "1.0.0"), "Tabular Demo", "", List.of(), List.of(),
        List.of(Field.of("x", FieldType.NUMBER), Field.of("y", FieldType.NUMBER)),
        List.of(Field.of("a", FieldType.NUMBER)), false, false, Pricing.of(5, 20),
        ModelTimeouts.of(Duration.ofSeconds(60), Duration.ofSeconds(30)));
  }

  /** A submitted job of {@code workUnits} items, submitted at {@link #T0}. */
  static Job submitted(long workUnits) {
    return submitted(JobSpec.defaults(), workUnits);
  }

  static Job submitted(JobSpec spec, long workUnits) {
    return Job.submitted(ID, spec, OWNER, itemModel(), InputDescription.of("text"), workUnits,
        Billing.of(workUnits, itemModel().pricing()), 100, T0);
  }

  static Job open() {
    return Job.open(ID, JobSpec.defaults(), OWNER, itemModel(), T0);
  }

  static Instant at(long seconds) {
    return T0.plusSeconds(seconds);
  }
}
