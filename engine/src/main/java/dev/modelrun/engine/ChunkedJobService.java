package dev.modelrun.engine;

import dev.modelrun.core.billing.Billing;
import dev.modelrun.core.model.CallerIdentity;
import dev.modelrun.core.model.ConcurrentUpdateException;
import dev.modelrun.core.model.IllegalTransitionException;
import dev.modelrun.core.model.InputData;
import dev.modelrun.core.model.InputItem;
import dev.modelrun.core.model.InvalidInputException;
import dev.modelrun.core.model.Job;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.model.JobSpec;
import dev.modelrun.core.model.JobStatus;
import dev.modelrun.core.model.ModelDescriptor;
import dev.modelrun.core.model.ModelInput;
import dev.modelrun.core.model.ModelRef;
import dev.modelrun.core.port.in.ChunkedJobUseCase;
import dev.modelrun.core.port.in.JobView;
import dev.modelrun.core.port.out.IdGenerator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Jobs whose inputs come in chunks: open, append raw bytes per item and input (bounded by the model input's maximum
 * size and the engine's items per job), close to validate and submit.
 */
final class ChunkedJobService implements ChunkedJobUseCase {
  private static final String CHUNKED_MEDIA_TYPE = "application/octet-stream";

  private final EngineParts parts;
  private final IdGenerator ids;
  private final JobLifecycle lifecycle;
  private final Admission admission;

  ChunkedJobService(EngineParts parts, IdGenerator ids, JobLifecycle lifecycle, Admission admission) {
    this.parts = parts;
    this.ids = ids;
    this.lifecycle = lifecycle;
    this.admission = admission;
  }

  @Override
  public JobView open(CallerIdentity caller, ModelRef model, JobSpec spec) {
    lifecycle.requireOpen();
    ModelDescriptor descriptor = itemModel(model);
    if (spec.explain() && !descriptor.explainSupported()) {
      throw new InvalidInputException("explain: model " + descriptor.ref() + " cannot explain its results");
    }
    Job job = Job.open(ids.newJobId(), spec, caller, descriptor, parts.clock().instant());
    parts.events().change(job.id(), () -> {
      parts.jobs().create(job, List.of());
      return job;
    }, parts.events()::opened);
    return parts.views().view(job);
  }

  @Override
  public void appendChunk(CallerIdentity caller, JobId id, String item, String input, byte[] chunk) {
    Job job = openJob(caller, id);
    if (item.isEmpty() || item.length() > InputItem.MAX_NAME_LENGTH) {
      throw new InvalidInputException("item names must be 1 to " + InputItem.MAX_NAME_LENGTH + " characters");
    }
    ModelInput expected = SubmittedItems.expectedInput(itemModel(job.model()), input, "input " + item);
    switch (parts.inputs().append(id, item, input, chunk, expected.maximumSize(), parts.maxItemsPerJob())) {
      case APPENDED -> { }
      case INPUT_TOO_LARGE -> throw new InvalidInputException("input " + item + "." + input + " would be over the "
          + "maximum of " + expected.maximumSize() + " bytes of model input '" + input + "'");
      case TOO_MANY_ITEMS -> throw new InvalidInputException("job " + id + " would have more than "
          + parts.maxItemsPerJob() + " items");
    }
  }

  @Override
  public JobView close(CallerIdentity caller, JobId id) {
    Job job = openJob(caller, id);
    ModelDescriptor model = itemModel(job.model());
    Map<String, Map<String, byte[]>> chunks = parts.inputs().chunks(id);
    if (chunks.isEmpty()) {
      throw new InvalidInputException("job " + id + " has no inputs: append chunks before closing it");
    }
    List<InputItem> items = new ArrayList<>(chunks.size());
    chunks.forEach((name, inputs) -> {
      Map<String, InputData> data = new LinkedHashMap<>();
      inputs.forEach((input, bytes) -> data.put(input, InputData.bytes(CHUNKED_MEDIA_TYPE, bytes)));
      InputItem item = new InputItem(name, data);
      SubmittedItems.check(item, model, "input ");
      items.add(item);
    });
    List<String> names = items.stream().map(InputItem::name).toList();
    long bytes = SubmittedItems.bytes(items);
    Billing billing = Billing.of(items.size(), model.pricing());
    // why: refused while the job is still OPEN, so the client may submit it again later.
    admission.admit(items.size());
    parts.inputs().put(id, items);
    while (true) {
      Job closed = parts.views().visible(caller, id).close(items.size(), billing, bytes, parts.clock().instant());
      try {
        parts.events().change(id, () -> {
          parts.queue().enqueue(closed, names);
          return closed;
        }, parts.events()::submitted);
        lifecycle.submitted(closed);
        return parts.views().view(closed);
      } catch (ConcurrentUpdateException e) {
        // why: renamed meanwhile; close the job as it stands now.
      }
    }
  }

  private Job openJob(CallerIdentity caller, JobId id) {
    Job job = parts.views().visible(caller, id);
    if (job.status() != JobStatus.OPEN) {
      throw new IllegalTransitionException(id, job.status(), JobStatus.SUBMITTED);
    }
    return job;
  }

  private ModelDescriptor itemModel(ModelRef ref) {
    ModelDescriptor descriptor = parts.models().entry(ref).descriptor;
    if (descriptor.isTabular()) {
      throw new InvalidInputException("model " + ref + " is a tabular model: its inputs are the fields of records, "
          + "not chunked files");
    }
    return descriptor;
  }
}
