package dev.modelrun.adapters.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.hash.Hashing;
import dev.modelrun.core.model.CallerIdentity;
import dev.modelrun.core.model.ItemFailure;
import dev.modelrun.core.model.ItemResult;
import dev.modelrun.core.model.ItemSuccess;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.model.JobRequest;
import dev.modelrun.core.model.NotFoundException;
import dev.modelrun.core.model.OutputValue;
import dev.modelrun.core.port.in.JobPage;
import dev.modelrun.core.port.in.JobView;
import dev.modelrun.core.port.in.ModelSummary;
import dev.modelrun.core.port.in.SubmitJobCommand;
import dev.modelrun.core.port.in.Submission;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Modzy-style routes: jobs (batch and chunked), results and models. */
final class ModzyRoutes {
  private final EdgePorts ports;
  private final EdgeSettings settings;
  private final Json json;
  private final Views views;
  private final JobRequestParser parser;

  ModzyRoutes(EdgePorts ports, EdgeSettings settings, Json json, Views views) {
    this.ports = ports;
    this.settings = settings;
    this.json = json;
    this.views = views;
    this.parser = new JobRequestParser(identifier -> ports.catalog().model(identifier).latestVersion());
  }

  void register(Javalin app) {
    // why: static routes first; Javalin matches in the order routes were added, so they win over {id}.
    app.get("/api/jobs/features", this::features);
    app.get("/api/jobs/history", this::history);
    app.post("/api/jobs", this::submit);
    app.get("/api/jobs/{id}", ctx -> respond(ctx, 200, views.job(ports.get().get(caller(ctx), jobId(ctx)))));
    app.delete("/api/jobs/{id}", ctx -> respond(ctx, 200,
        views.job(ports.cancel().cancel(caller(ctx), jobId(ctx)))));
    app.post("/api/jobs/{id}/close", ctx -> respond(ctx, 200,
        views.job(ports.chunked().close(caller(ctx), jobId(ctx)))));
    app.post("/api/jobs/{id}/{item}/{input}", this::appendChunk);

    app.get("/api/results/{id}", ctx -> respond(ctx, 200,
        views.results(ports.results().results(caller(ctx), jobId(ctx)))));
    app.get("/api/results/{id}/{item}", ctx -> respond(ctx, 200, views.itemResult(itemResult(ctx))));
    app.get("/api/results/{id}/{item}/{output}", this::output);
    // why: the Modzy JS SDK reads one output from this longer form of the route.
    app.get("/api/results/{id}/datasource/{item}/output/{output}", this::output);

    app.get("/api/models", ctx -> respond(ctx, 200, ports.catalog().models().stream().map(views::model).toList()));
    app.get("/api/models/{identifier}", ctx -> respond(ctx, 200,
        views.model(ports.catalog().model(ctx.pathParam("identifier")))));
    app.get("/api/models/{identifier}/versions", this::versions);
    app.get("/api/models/{identifier}/versions/{version}", ctx -> respond(ctx, 200, views.descriptor(
        ports.catalog().descriptor(ctx.pathParam("identifier"), ctx.pathParam("version")))));
  }

  private void features(Context ctx) {
    Map<String, Object> features = new LinkedHashMap<>();
    features.put("inputChunkMaximumSize", (EdgeSettings.CHUNK_BYTES / (1024 * 1024)) + "MB");
    features.put("maximumInputChunks", settings.maximumInputChunks());
    features.put("maximumInputsPerJob", settings.maximumInputsPerJob());
    respond(ctx, 200, features);
  }

  private void submit(Context ctx) {
    Bodies.requireJson(ctx);
    byte[] body = Bodies.read(ctx, settings.maxUploadBytes());
    JsonNode root = json.read(body, "request body");
    JobRequestParser.ParsedJob parsed = parser.parse(root);
    CallerIdentity caller = caller(ctx);
    if (parsed.input().isEmpty()) {
      JobView open = ports.chunked().open(caller, parsed.model(), parsed.spec());
      created(ctx, open, 201);
      return;
    }
    String key = idempotencyKey(ctx);
    String fingerprint = key.isEmpty() ? "" : Hashing.sha256().hashBytes(body).toString();
    Submission submission = ports.submit().submit(new SubmitJobCommand(caller,
        new JobRequest(parsed.model(), parsed.spec(), parsed.input().get()), key, fingerprint));
    created(ctx, submission.job(), submission.replayed() ? 200 : 201);
  }

  private void created(Context ctx, JobView job, int status) {
    ctx.header("Location", "/api/jobs/" + job.job().id().value());
    respond(ctx, status, views.job(job));
  }

  static String idempotencyKey(Context ctx) {
    String key = ctx.header("Idempotency-Key");
    return key == null ? "" : key.strip();
  }

  private void appendChunk(Context ctx) {
    CallerIdentity caller = caller(ctx);
    JobId id = jobId(ctx);
    MultipartReader reader = MultipartReader.open(ctx, settings.maxUploadBytes());
    byte[] chunk = null;
    for (var part = reader.next(); part.isPresent(); part = reader.next()) {
      if (part.get().name().equals("input")) {
        if (chunk != null) {
          throw HttpProblem.badRequest("multipart part 'input' is given twice");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        reader.copyTo(out, EdgeSettings.CHUNK_BYTES, "part 'input'");
        chunk = out.toByteArray();
      }
    }
    if (chunk == null) {
      throw HttpProblem.badRequest("multipart part 'input' is required: it carries the chunk");
    }
    ports.chunked().appendChunk(caller, id, ctx.pathParam("item"), ctx.pathParam("input"), chunk);
    respond(ctx, 200, views.job(ports.get().get(caller, id)));
  }

  private ItemResult itemResult(Context ctx) {
    return ports.results().itemResult(caller(ctx), jobId(ctx), ctx.pathParam("item"));
  }

  private void output(Context ctx) {
    String item = ctx.pathParam("item");
    String name = ctx.pathParam("output");
    ItemResult result = itemResult(ctx);
    OutputValue value = switch (result) {
      case ItemSuccess success -> success.outputs().get(name);
      case ItemFailure failure -> throw new NotFoundException("item '" + Text.clip(item)
          + "' failed and has no outputs: " + failure.error());
    };
    if (value == null) {
      throw new NotFoundException("item '" + Text.clip(item) + "' has no output '" + Text.clip(name) + "'");
    }
    ctx.status(200).contentType(value.mediaType()).result(value.content());
  }

  private void versions(Context ctx) {
    String identifier = ctx.pathParam("identifier");
    ModelSummary model = ports.catalog().model(identifier);
    respond(ctx, 200, model.versions().stream()
        .map(version -> views.descriptor(ports.catalog().descriptor(identifier, version)))
        .toList());
  }

  private void history(Context ctx) {
    var query = HistoryQuery.parse(ctx);
    JobPage page = ports.history().history(caller(ctx), query);
    ctx.header("X-Total-Count", Long.toString(page.totalCount()));
    List<String> links = new ArrayList<>();
    if (page.hasNext()) {
      links.add("<" + pageUrl(ctx, page.page() + 1) + ">; rel=\"next\"");
    }
    if (page.hasPrevious()) {
      links.add("<" + pageUrl(ctx, page.page() - 1) + ">; rel=\"prev\"");
    }
    if (!links.isEmpty()) {
      ctx.header("Link", String.join(", ", links));
    }
    respond(ctx, 200, views.jobs(page.jobs()));
  }

  private static String pageUrl(Context ctx, int page) {
    StringBuilder url = new StringBuilder(ctx.path()).append("?page=").append(page);
    ctx.queryParamMap().forEach((name, values) -> {
      if (!name.equals("page")) {
        for (String value : values) {
          url.append('&').append(URLEncoder.encode(name, StandardCharsets.UTF_8))
              .append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
      }
    });
    return url.toString();
  }

  static CallerIdentity caller(Context ctx) {
    return Authentication.caller(ctx);
  }

  static JobId jobId(Context ctx) {
    return JobId.parse(ctx.pathParam("id"));
  }

  void respond(Context ctx, int status, Object body) {
    ctx.status(status).contentType("application/json").result(json.write(body));
  }
}
