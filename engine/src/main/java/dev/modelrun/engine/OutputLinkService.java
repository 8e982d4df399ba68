package dev.modelrun.engine;

import com.google.common.io.ByteSource;
import dev.modelrun.core.model.CallerIdentity;
import dev.modelrun.core.model.ConflictException;
import dev.modelrun.core.model.InvalidLinkException;
import dev.modelrun.core.model.Job;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.model.JobNotFoundException;
import dev.modelrun.core.model.JobStatus;
import dev.modelrun.core.model.JobType;
import dev.modelrun.core.model.ModelDescriptor;
import dev.modelrun.core.model.NotFoundException;
import dev.modelrun.core.port.in.DownloadOutputUseCase;
import dev.modelrun.core.port.in.OutputFile;
import dev.modelrun.core.port.in.ResultLinkUseCase;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The output files of structured jobs: signed, time-limited links to them ({@code
 * <base>/downloads/<job>?expires=<epoch seconds>&sig=<hex>}), and the download behind a link, streamed from the
 * batches' parts in batch order.
 */
final class OutputLinkService implements ResultLinkUseCase, DownloadOutputUseCase {
  private final EngineParts parts;
  private final LinkSigner signer;
  private final String baseUrl;
  private final Duration validity;

  OutputLinkService(EngineParts parts, LinkSigner signer, URI baseUrl, Duration validity) {
    this.parts = parts;
    this.signer = signer;
    String base = baseUrl.toString();
    this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.validity = validity;
  }

  @Override
  public URI resultLink(CallerIdentity caller, JobId id) {
    Job job = parts.views().visible(caller, id);
    requireOutput(job);
    long expires = parts.clock().instant().plus(validity).getEpochSecond();
    return URI.create(baseUrl + "/downloads/" + id + "?expires=" + expires + "&sig=" + signer.sign(id, expires));
  }

  @Override
  public OutputFile download(JobId id, long expires, String signature) {
    if (!signer.verify(id, expires, signature)) {
      throw new InvalidLinkException("this download link is not valid: it was altered or belongs to another server");
    }
    if (parts.clock().instant().getEpochSecond() > expires) {
      throw new InvalidLinkException("this download link has expired: ask for a new result link");
    }
    Job job = parts.jobs().find(id).orElseThrow(() -> new JobNotFoundException(id));
    requireOutput(job);
    ModelDescriptor model = parts.models().entry(job.model()).descriptor;
    StructuredPlan plan = parts.files().storedPlan(id);
    OutputCodec codec = OutputCodec.of(plan.format(), model, plan.outputMapping());
    return new OutputFile(codec.fileName(job.input().fileName(), id.value()), codec.mediaType(),
        content(job, codec));
  }

  private ByteSource content(Job job, OutputCodec codec) {
    long batches = job.counters().total();
    ByteSource separator = ByteSource.wrap(codec.separator());
    List<ByteSource> pieces = new ArrayList<>((int) Math.min(Integer.MAX_VALUE, batches * 2 + 1));
    pieces.add(ByteSource.wrap(codec.prefix()));
    for (int i = 0; i < batches; i++) {
      if (i > 0) {
        pieces.add(separator);
      }
      String part = JobFiles.part(i);
      pieces.add(parts.files().store().open(job.id(), part).orElseThrow(() -> new IllegalStateException(
          "part " + part + " of the output of job " + job.id() + " is missing")));
    }
    pieces.add(ByteSource.wrap(codec.suffix()));
    return ByteSource.concat(pieces);
  }

  private static void requireOutput(Job job) {
    if (!job.status().isTerminal()) {
      throw new ConflictException("job " + job.id() + " has not finished (" + job.status() + "): its result link is "
          + "available once it has");
    }
    if (job.type() == JobType.BATCH) {
      throw new NotFoundException("job " + job.id() + " is a batch job: it has no output file; read its results "
          + "per item");
    }
    if (job.status() != JobStatus.COMPLETED) {
      throw new ConflictException("job " + job.id() + " ended with status " + job.status() + (job.errorMessage()
          .isEmpty() ? "" : " (" + job.errorMessage() + ")") + ": it has no output file");
    }
  }
}
