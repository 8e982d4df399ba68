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
import dev.modelrun.core.port.out.FileStore;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The output files of structured jobs: time-limited links to them, and the download behind this server's links,
 * streamed from the batches' parts in batch order. A file store that hands out its own links (S3: presigned GET
 * URLs) gives the link, to the output joined into one file; otherwise the link is this server's, signed: {@code
 * <base>/downloads/<job>?expires=<epoch seconds>&sig=<hex>}.
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
    OutputCodec codec = codec(job);
    Optional<URI> direct = parts.files().store().directLink(id, JobFiles.OUTPUT, fileName(job, codec),
        codec.mediaType(), validity);
    if (direct.isPresent()) {
      keepWhole(job, codec);
      return direct.get();
    }
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
    OutputCodec codec = codec(job);
    return new OutputFile(fileName(job, codec), codec.mediaType(), content(job, codec));
  }

  private OutputCodec codec(Job job) {
    ModelDescriptor model = parts.models().entry(job.model()).descriptor;
    StructuredPlan plan = parts.files().storedPlan(job.id());
    return OutputCodec.of(plan.format(), model, plan.outputMapping());
  }

  private static String fileName(Job job, OutputCodec codec) {
    return codec.fileName(job.input().fileName(), job.id().value());
  }

  /**
   * Joins the output's parts into the one file a store's own link serves, unless an earlier link did: once per job,
   * at the first link asked for (nodes racing on it write the same bytes, and the store keeps one).
   */
  private void keepWhole(Job job, OutputCodec codec) {
    FileStore store = parts.files().store();
    if (store.open(job.id(), JobFiles.OUTPUT).isPresent()) {
      return;
    }
    try {
      OutputStream out = store.create(job.id(), JobFiles.OUTPUT);
      // why: not closed when the copy fails: closing would keep a file cut short, one never closed never shows.
      content(job, codec).copyTo(out);
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("joining the output file of job " + job.id() + " failed", e);
    }
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
