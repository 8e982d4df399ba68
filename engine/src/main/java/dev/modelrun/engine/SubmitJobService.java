package dev.modelrun.engine;

import dev.modelrun.core.billing.Billing;
import dev.modelrun.core.model.ConflictException;
import dev.modelrun.core.model.InputDescription;
import dev.modelrun.core.model.InputItem;
import dev.modelrun.core.model.InvalidInputException;
import dev.modelrun.core.model.Job;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.model.JobRequest;
import dev.modelrun.core.model.JobSpec;
import dev.modelrun.core.model.ModelDescriptor;
import dev.modelrun.core.model.UploadedFileInput;
import dev.modelrun.core.port.in.Submission;
import dev.modelrun.core.port.in.SubmitJobCommand;
import dev.modelrun.core.port.in.SubmitJobUseCase;
import dev.modelrun.core.port.out.IdGenerator;
import dev.modelrun.core.port.out.IdempotentRequest;
import dev.modelrun.core.port.out.TabularModel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Validates a job against its model, stores it with its items and inputs in one step, and wakes the workers. */
final class SubmitJobService implements SubmitJobUseCase {
  /** How long a repeated idempotency key answers the first job. */
  static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(24);

  private final EngineParts parts;
  private final SubmittedItems items;
  private final StructuredIntake intake;
  private final IdGenerator ids;
  private final JobLifecycle lifecycle;
  private final Admission admission;
  private final int recordsPerUnit;

  SubmitJobService(EngineParts parts, SubmittedItems items, IdGenerator ids, JobLifecycle lifecycle,
      Admission admission, int recordsPerUnit) {
    this.parts = parts;
    this.items = items;
    this.intake = new StructuredIntake(parts.files());
    this.ids = ids;
    this.lifecycle = lifecycle;
    this.admission = admission;
    this.recordsPerUnit = recordsPerUnit;
  }

  @Override
  public Submission submit(SubmitJobCommand command) {
    lifecycle.requireOpen();
    if (command.hasIdempotencyKey()) {
      Optional<IdempotentRequest> earlier = parts.jobs().idempotentRequest(command.caller().keyPrefix(),
          command.idempotencyKey(), parts.clock().instant());
      if (earlier.isPresent()) {
        return replay(earlier.get(), command);
      }
    }
    JobRequest request = command.request();
    ModelDescriptor model = parts.models().entry(request.model()).descriptor;
    if (request.spec().explain() && !model.explainSupported()) {
      throw new InvalidInputException("explain: model " + model.ref() + " cannot explain its results");
    }
    if (request.input() instanceof UploadedFileInput file && model.isTabular()) {
      return submitFile(command, file, model);
    }
    List<InputItem> resolved = items.resolve(request.input(), model);
    if (resolved.size() > parts.maxItemsPerJob()) {
      throw new InvalidInputException("input gives " + resolved.size() + " items, over the maximum of "
          + parts.maxItemsPerJob() + " items per job");
    }
    admission.admit(resolved.size());
    JobId id = ids.newJobId();
    Instant now = parts.clock().instant();
    long bytes = SubmittedItems.bytes(resolved);
    Job job = Job.submitted(id, request.spec(), command.caller(), model, InputDescription.of(request.input().type()),
        resolved.size(), Billing.of(resolved.size(), model.pricing()), bytes, now);
    List<String> names = resolved.stream().map(InputItem::name).toList();
    parts.inputs().put(id, resolved);
    Optional<IdempotentRequest> earlier;
    try {
      earlier = parts.events().change(id, () -> store(job, names, command, now), stored -> {
        if (stored.isEmpty()) {
          parts.events().submitted(job);
        }
      });
    } catch (RuntimeException e) {
      parts.inputs().delete(id);
      throw e;
    }
    if (earlier.isPresent()) {
      parts.inputs().delete(id);
      return replay(earlier.get(), command);
    }
    lifecycle.submitted(job);
    return new Submission(parts.views().view(job), false);
  }

  private Submission submitFile(SubmitJobCommand command, UploadedFileInput file, ModelDescriptor model) {
    // why: before the pass over the file, which a full queue would only waste.
    admission.admitAny();
    JobId id = ids.newJobId();
    TabularModel tabular = (TabularModel) parts.models().entry(model.ref()).model;
    int callSize = Math.max(1, tabular.batchSize());
    // why: a unit of work holds whole model calls, and enough records that claiming it costs little beside them.
    int unitSize = Math.ceilDiv(Math.max(callSize, recordsPerUnit), callSize) * callSize;
    StructuredIntake.Intake read = intake.ingest(id, file, model, unitSize);
    if (read.batches().size() > parts.maxItemsPerJob()) {
      parts.files().store().deleteAll(id);
      throw new InvalidInputException("the file has " + read.recordCount() + " records, over the maximum of "
          + (long) parts.maxItemsPerJob() * unitSize + " records per job of model " + model.ref());
    }
    try {
      admission.admit(read.batches().size());
    } catch (RuntimeException e) {
      parts.files().store().deleteAll(id);
      throw e;
    }
    Instant now = parts.clock().instant();
    JobSpec spec = command.request().spec();
    if (spec.name().isEmpty() && !file.fileName().isBlank()) {
      String fileName = file.fileName();
      spec = spec.withName(fileName.length() > Job.MAX_NAME_LENGTH ? fileName.substring(0, Job.MAX_NAME_LENGTH)
          : fileName);
    }
    Job job = Job.submitted(id, spec, command.caller(), model,
        InputDescription.file(file.fileName(), file.format().mediaType()), read.batches().size(),
        Billing.of(read.recordCount(), model.pricing()), read.inputBytes(), now);
    Optional<IdempotentRequest> earlier;
    try {
      earlier = parts.events().change(id, () -> store(job, read.unitNames(), command, now), stored -> {
        if (stored.isEmpty()) {
          parts.events().submitted(job);
        }
      });
    } catch (RuntimeException e) {
      parts.files().store().deleteAll(id);
      throw e;
    }
    if (earlier.isPresent()) {
      parts.files().store().deleteAll(id);
      return replay(earlier.get(), command);
    }
    lifecycle.submitted(job);
    return new Submission(parts.views().view(job), false);
  }

  private Optional<IdempotentRequest> store(Job job, List<String> names, SubmitJobCommand command, Instant now) {
    if (!command.hasIdempotencyKey()) {
      parts.jobs().create(job, names);
      return Optional.empty();
    }
    return parts.jobs().createOnce(job, names, new IdempotentRequest(command.caller().keyPrefix(),
        command.idempotencyKey(), command.fingerprint(), job.id(), now.plus(IDEMPOTENCY_WINDOW)));
  }

  private Submission replay(IdempotentRequest earlier, SubmitJobCommand command) {
    if (!earlier.sameRequestAs(command.fingerprint())) {
      throw new ConflictException("Idempotency-Key '" + command.idempotencyKey() + "' was already used for a "
          + "different request");
    }
    Job job = parts.views().existing(earlier.job());
    return new Submission(parts.views().view(job), true);
  }
}
