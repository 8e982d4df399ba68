package dev.modelrun.adapters.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.hash.Hashing;
import com.google.common.io.ByteSource;
import com.google.common.io.MoreFiles;
import dev.modelrun.core.model.CallerIdentity;
import dev.modelrun.core.model.FieldMapping;
import dev.modelrun.core.model.InvalidInputException;
import dev.modelrun.core.model.Job;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.model.JobQuery;
import dev.modelrun.core.model.JobRequest;
import dev.modelrun.core.model.JobSpec;
import dev.modelrun.core.model.ModelRef;
import dev.modelrun.core.model.RecordFormat;
import dev.modelrun.core.model.UploadedFileInput;
import dev.modelrun.core.port.in.JobView;
import dev.modelrun.core.port.in.SubmitJobCommand;
import dev.modelrun.core.port.in.Submission;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The on-demand routes under {@code /api/v1}: structured jobs over an uploaded file, every answer in the envelope. */
final class OnDemandRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(OnDemandRoutes.class);
  /** The largest {@code data} part: a JSON document of options and mappings. */
  static final int MAX_DATA_BYTES = 1024 * 1024;
  private static final int MAX_WAIT_SECONDS = 60;
  private static final int MULTIPART_OVERHEAD = 64 * 1024;

  private final EdgePorts ports;
  private final EdgeSettings settings;
  private final Json json;
  private final Views views;
  private final DiskBudget disk;

  OnDemandRoutes(EdgePorts ports, EdgeSettings settings, Json json, Views views) {
    this.ports = ports;
    this.settings = settings;
    this.json = json;
    this.views = views;
    this.disk = new DiskBudget(settings.uploadDir(), settings.minFreeDiskBytes());
  }

  void register(Javalin app) {
    app.post("/api/v1/jobs", this::submit);
    app.get("/api/v1/jobs/latest", this::latest);
    app.get("/api/v1/jobs/result-link/{id}", ctx -> respond(ctx, 200,
        Views.envelope(absolute(ctx, ports.resultLink().resultLink(caller(ctx), jobId(ctx))).toString())));
    app.get("/api/v1/jobs/{id}", ctx -> respond(ctx, 200,
        Views.envelope(views.summary(ports.get().get(caller(ctx), jobId(ctx))))));
    app.put("/api/v1/jobs/{id}", this::rename);
  }

  private void submit(Context ctx) {
    CallerIdentity caller = caller(ctx);
    int waitSeconds = waitSeconds(ctx);
    disk.admit(Bodies.declaredLength(ctx));
    MultipartReader reader = MultipartReader.open(ctx,
        settings.maxUploadBytes() + MAX_DATA_BYTES + MULTIPART_OVERHEAD);
    String key = ModzyRoutes.idempotencyKey(ctx);
    Upload upload = new Upload(!key.isEmpty());
    try {
      readParts(reader, upload, caller);
      Submission submission = upload.submission != null ? upload.submission
          : submit(caller, upload, MoreFiles.asByteSource(upload.file), key);
      JobView job = waitFor(caller, submission.job(), waitSeconds);
      ctx.header("Location", "/api/v1/jobs/" + job.job().id().value());
      respond(ctx, submission.replayed() ? 200 : 201, Views.envelope(views.summary(job)));
    } catch (RuntimeException e) {
      Optional<RuntimeException> body = drain(reader, upload);
      // why: as when the body was read whole before the submit: a problem of the body itself (too large, malformed)
      // is the answer, before what the submit found.
      throw body.isPresent() && !(e instanceof HttpProblem) ? body.get() : e;
    } finally {
      upload.delete();
    }
  }

  private Submission submit(CallerIdentity caller, Upload upload, ByteSource file, String key) {
    JsonNode data = json.read(upload.data, "multipart part 'data'");
    if (!data.isObject()) {
      throw new InvalidInputException("multipart part 'data' must be a JSON object but was "
          + Fields.describe(data));
    }
    String model = Fields.requireNonBlankString(data, "model", "data.model");
    String version = Fields.optionalString(data, "version", "data.version").filter(v -> !v.isBlank())
        .orElseGet(() -> ports.catalog().model(model).latestVersion());
    RecordFormat format = RecordFormat.parse(Fields.requireString(data, "mimeType", "data.mimeType"));
    String name = Fields.optionalString(data, "name", "data.name").orElse(defaultName(upload.fileName));
    List<FieldMapping> mapping = mappings(data, "mapping");
    List<FieldMapping> outputMapping = mappings(data, "outputMapping");
    UploadedFileInput input = new UploadedFileInput(upload.fileName, format, file, mapping, outputMapping);
    String fingerprint = key.isEmpty() ? "" : Hashing.sha256().hashBytes(upload.data) + ":"
        + Hashing.sha256().hashUnencodedChars(upload.fileName) + ":" + HexFormat.of().formatHex(upload.digest());
    return ports.submit().submit(new SubmitJobCommand(caller,
        new JobRequest(ModelRef.of(model, version), JobSpec.defaults().withName(name), input), key, fingerprint));
  }

  /**
   * Reads what is left of a refused request's body: a client still sending would otherwise see the connection cut
   * instead of its answer.
   *
   * @return the body's own problem (malformed, too large, cut off), if it has one
   */
  private static Optional<RuntimeException> drain(MultipartReader reader, Upload upload) {
    try {
      // why: through the file's stream, if one was left unread, so the file part's own limit still applies.
      if (upload.body != null) {
        upload.body.transferTo(OutputStream.nullOutputStream());
      }
      while (reader.next().isPresent()) {
        // next() skips each part
      }
      return Optional.empty();
    } catch (RuntimeException e) {
      return Optional.of(e);
    } catch (IOException e) {
      return Optional.of(new UncheckedIOException(e));
    }
  }

  // why: the job's name defaults to the file's, which may be longer than a job name may be.
  private static String defaultName(String fileName) {
    return fileName.length() > Job.MAX_NAME_LENGTH ? fileName.substring(0, Job.MAX_NAME_LENGTH) : fileName;
  }

  /**
   * Reads the parts of the body; a file part that comes after the data part is submitted as it arrives (its records
   * are checked while the client still sends them), unless the submit is idempotent, whose fingerprint needs the whole
   * file first.
   */
  private void readParts(MultipartReader reader, Upload upload, CallerIdentity caller) {
    for (var next = reader.next(); next.isPresent(); next = reader.next()) {
      switch (next.get().name()) {
        case "data" -> {
          if (upload.data != null) {
            throw HttpProblem.badRequest("multipart part 'data' is given twice");
          }
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          reader.copyTo(out, MAX_DATA_BYTES, "part 'data'");
          upload.data = out.toByteArray();
        }
        case "file" -> {
          if (upload.fileSeen) {
            throw HttpProblem.badRequest("multipart part 'file' is given twice");
          }
          upload.fileSeen = true;
          upload.fileName = next.get().fileName();
          if (upload.data != null && !upload.fingerprinted) {
            // why: the rest of the body is read (and checked) when the file's stream ends, inside the submit, so a
            // malformed rest refuses the job like a bad record does, with nothing kept.
            upload.body = reader.body(settings.maxUploadBytes(), "part 'file'",
                () -> readParts(reader, upload, caller));
            upload.submission = submit(caller, upload, new OnePass(upload.body), "");
          } else {
            store(reader, upload);
          }
        }
        default -> {
          // other parts are skipped by next()
        }
      }
    }
    if (upload.data == null) {
      throw HttpProblem.badRequest("multipart part 'data' is required: it names the model and the mimeType");
    }
    if (!upload.fileSeen) {
      throw HttpProblem.badRequest("multipart part 'file' is required: it carries the records");
    }
  }

  private void store(MultipartReader reader, Upload upload) {
    upload.file = disk.newFile();
    try (OutputStream out = upload.sink()) {
      reader.copyTo(out, settings.maxUploadBytes(), "part 'file'");
    } catch (IOException e) {
      throw disk.storingFailed(e);
    } catch (UncheckedIOException e) {
      throw disk.storingFailed(e.getCause());
    }
  }

  /** A file part read once, as it arrives. */
  private static final class OnePass extends ByteSource {
    private InputStream body;

    OnePass(InputStream body) {
      this.body = body;
    }

    @Override
    public synchronized InputStream openStream() throws IOException {
      if (body == null) {
        throw new IOException("the uploaded file arrives once and was read already");
      }
      InputStream once = body;
      body = null;
      return once;
    }
  }

  private static List<FieldMapping> mappings(JsonNode data, String field) {
    JsonNode node = data.get(field);
    if (node == null || node.isNull()) {
      return List.of();
    }
    String path = "data." + field;
    if (!node.isArray()) {
      throw new InvalidInputException(path + " must be an array of {source, destination, defaultValue} objects but"
          + " was " + Fields.describe(node));
    }
    List<FieldMapping> out = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      String at = path + "[" + i + "]";
      JsonNode entry = Fields.requireObject(node.get(i), at);
      String source = Fields.optionalString(entry, "source", at + ".source").orElse("");
      String destination = Fields.requireNonBlankString(entry, "destination", at + ".destination");
      out.add(new FieldMapping(source, destination, defaultValue(entry.get("defaultValue"), at + ".defaultValue")));
    }
    return out;
  }

  /** A default given as a string, number or boolean, kept as text; {@code null} when none. */
  private static String defaultValue(JsonNode node, String path) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isNumber()) {
      return node.decimalValue().toPlainString();
    }
    if (node.isBoolean()) {
      return Boolean.toString(node.booleanValue());
    }
    throw new InvalidInputException(path + " must be a string, number or boolean but was " + Fields.describe(node));
  }

  private static int waitSeconds(Context ctx) {
    int wait = HistoryQuery.wholeNumber(ctx, "wait", 0);
    if (wait < 0 || wait > MAX_WAIT_SECONDS) {
      throw new InvalidInputException("wait must be 0 to " + MAX_WAIT_SECONDS + " seconds but was " + wait);
    }
    return wait;
  }

  private JobView waitFor(CallerIdentity caller, JobView job, int seconds) {
    if (seconds == 0 || job.job().status().isTerminal()) {
      return job;
    }
    try {
      return ports.await().await(caller, job.job().id(), Duration.ofSeconds(seconds));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return job;
    }
  }

  private void latest(Context ctx) {
    int limit = HistoryQuery.wholeNumber(ctx, "limit", JobQuery.DEFAULT_PER_PAGE);
    if (limit < 1 || limit > JobQuery.MAX_PER_PAGE) {
      throw new InvalidInputException("limit must be 1 to " + JobQuery.MAX_PER_PAGE + " but was " + limit);
    }
    var page = ports.history().history(caller(ctx), JobQuery.all().withPage(1, limit));
    respond(ctx, 200, Views.envelope(page.jobs().stream().map(views::summary).toList()));
  }

  private void rename(Context ctx) {
    CallerIdentity caller = caller(ctx);
    JobId id = jobId(ctx);
    Bodies.requireJson(ctx);
    JsonNode body = json.read(Bodies.read(ctx, MAX_DATA_BYTES), "request body");
    if (!body.isObject()) {
      throw new InvalidInputException("request body must be a JSON object but was " + Fields.describe(body));
    }
    String name = Fields.requireString(body, "name", "name");
    respond(ctx, 200, Views.envelope(views.summary(ports.rename().rename(caller, id, name))));
  }

  private static CallerIdentity caller(Context ctx) {
    return Authentication.caller(ctx);
  }

  private static JobId jobId(Context ctx) {
    return JobId.parse(ctx.pathParam("id"));
  }

  private void respond(Context ctx, int status, Object body) {
    ctx.status(status).contentType("application/json").result(json.write(body));
  }

  /** The parts of one upload as they are read; the file lives only as long as the request. */
  private static final class Upload {
    byte[] data;
    boolean fileSeen;
    /** The file part stored, when it was not submitted as it arrived. */
    Path file;
    /** The file part as it arrives, when it is submitted so. */
    InputStream body;
    /** The submit of a file part read as it arrived. */
    Submission submission;
    String fileName = "";
    private final MessageDigest sha256;
    // why: the file's digest is only for the fingerprint of an idempotent submit; others skip hashing every byte.
    final boolean fingerprinted;

    Upload(boolean fingerprinted) {
      this.fingerprinted = fingerprinted;
      try {
        sha256 = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every JDK has SHA-256", e);
      }
    }

    /** Where the file part is written: the upload file, digested on the way when the submit is idempotent. */
    OutputStream sink() throws IOException {
      OutputStream out = Files.newOutputStream(file);
      return fingerprinted ? new DigestOutputStream(out, sha256) : out;
    }

    byte[] digest() {
      return sha256.digest();
    }

    void delete() {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException e) {
          LOG.warn("could not delete upload file {}", file, e);
        }
      }
    }
  }

  // why: with no public URL configured, links are relative and point back at the host the client reached.
  private static URI absolute(Context ctx, URI link) {
    return link.isAbsolute() ? link : URI.create(ctx.scheme() + "://" + ctx.host()).resolve(link);
  }
}
