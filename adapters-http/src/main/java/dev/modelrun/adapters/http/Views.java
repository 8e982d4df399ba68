package dev.modelrun.adapters.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelrun.core.model.Field;
import dev.modelrun.core.model.ItemFailure;
import dev.modelrun.core.model.ItemResult;
import dev.modelrun.core.model.ItemSuccess;
import dev.modelrun.core.model.Job;
import dev.modelrun.core.model.JobStatus;
import dev.modelrun.core.model.ModelDescriptor;
import dev.modelrun.core.model.ModelInput;
import dev.modelrun.core.model.ModelOutput;
import dev.modelrun.core.model.OutputValue;
import dev.modelrun.core.port.in.JobResults;
import dev.modelrun.core.port.in.JobView;
import dev.modelrun.core.port.in.ModelSummary;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/** Renders core's values as the JSON objects of the API (as maps and lists the JSON writer serializes in order). */
final class Views {
  private final Json json;
  private final Predicate<Job> imageClassification;

  /** @param imageClassification tells whether a job's model classifies images (a fact of its descriptor) */
  Views(Json json, Predicate<Job> imageClassification) {
    this.json = json;
    this.imageClassification = imageClassification;
  }

  /** The Modzy job object. */
  Map<String, Object> job(JobView view) {
    Job job = view.job();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("jobIdentifier", job.id().value());
    out.put("name", job.name());
    out.put("status", job.status().name());
    out.put("model", ordered("identifier", job.model().identifier(), "version", job.model().version(),
        "name", job.modelName()));
    out.put("submittedBy", job.owner().keyPrefix());
    out.put("accessKey", job.owner().keyPrefix());
    out.put("accountIdentifier", job.owner().account());
    out.put("team", ordered("identifier", job.owner().team()));
    out.put("user", ordered("identifier", job.owner().user()));
    out.put("jobType", job.type().name().toLowerCase(Locale.ROOT));
    out.put("explain", job.explain());
    out.put("timeout", job.timeout().toMillis());
    out.put("hoursDeleteInput", job.hoursDeleteInput());
    out.put("imageClassificationModel", imageClassification.test(job));
    out.put("jobInputs", ordered("identifier", view.inputNames()));
    out.put("totalInputs", view.inputNames().size());
    out.put("total", job.counters().total());
    out.put("pending", job.counters().pending() + job.counters().inProgress());
    out.put("completed", job.counters().completed());
    out.put("failed", job.counters().failed());
    out.put("createdAt", Times.format(job.createdAt()));
    out.put("submittedAt", Times.format(job.submittedAt()));
    out.put("startedAt", Times.format(job.startedAt()));
    out.put("finishedAt", Times.format(job.finishedAt()));
    out.put("updatedAt", Times.format(job.updatedAt()));
    out.put("queueTime", view.queueTime().toMillis());
    out.put("elapsedTime", view.elapsedTime().toMillis());
    out.put("inputByteAmount", job.inputByteAmount());
    out.put("recordCount", job.billing().recordCount());
    out.put("recordGroupCount", job.billing().recordGroupCount());
    out.put("billedUsage", job.billing().billedUsage());
    out.put("errorMessage", job.errorMessage().isEmpty() ? null : job.errorMessage());
    return out;
  }

  List<Map<String, Object>> jobs(List<JobView> views) {
    return views.stream().map(this::job).toList();
  }

  /** The results of {@code GET /api/results/{id}}; both maps always present. */
  Map<String, Object> results(JobResults results) {
    Job job = results.job();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("jobIdentifier", job.id().value());
    out.put("total", job.counters().total());
    out.put("completed", job.counters().completed());
    out.put("failed", job.counters().failed());
    out.put("finished", results.finished());
    out.put("explained", job.explain());
    out.put("submittedAt", Times.format(job.submittedAt()));
    out.put("startedAt", Times.format(job.startedAt()));
    out.put("finishedAt", Times.format(job.finishedAt()));
    out.put("elapsedTime", results.elapsedTime().toMillis());
    Map<String, Object> successes = new LinkedHashMap<>();
    results.results().forEach((item, success) -> successes.put(item, itemResult(success)));
    Map<String, Object> failures = new LinkedHashMap<>();
    results.failures().forEach((item, failure) -> failures.put(item, itemResult(failure)));
    out.put("results", successes);
    out.put("failures", failures);
    return out;
  }

  /** One item's entry: {@code SUCCESSFUL} with its outputs by name, or {@code FAILED} with the error. */
  Map<String, Object> itemResult(ItemResult result) {
    Map<String, Object> out = new LinkedHashMap<>();
    switch (result) {
      case ItemSuccess success -> {
        out.put("status", "SUCCESSFUL");
        out.put("startTime", Times.format(success.startTime()));
        out.put("endTime", Times.format(success.endTime()));
        out.put("modelLatency", success.modelLatency().toMillis());
        success.outputs().forEach((name, value) -> out.put(name, outputValue(value)));
      }
      case ItemFailure failure -> {
        out.put("status", "FAILED");
        out.put("startTime", Times.format(failure.startTime()));
        out.put("endTime", Times.format(failure.endTime()));
        out.put("error", failure.error());
      }
    }
    return out;
  }

  /** JSON outputs embedded as JSON, text as a string, anything else as a base64 data URI. */
  private Object outputValue(OutputValue value) {
    if (value.isJson()) {
      JsonNode tree = json.readTrusted(value.content()).orElse(null);
      if (tree != null) {
        return tree;
      }
    }
    if (ModelInput.essence(value.mediaType()).startsWith("text/")) {
      return value.text();
    }
    return "data:" + value.mediaType() + ";base64," + Base64.getEncoder().encodeToString(value.content());
  }

  /** An entry of {@code GET /api/models}. */
  Map<String, Object> model(ModelSummary summary) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("identifier", summary.identifier());
    out.put("modelId", summary.identifier());
    out.put("name", summary.name());
    out.put("latestVersion", summary.latestVersion());
    out.put("versions", summary.versions());
    return out;
  }

  /** The descriptor of one model version. */
  Map<String, Object> descriptor(ModelDescriptor descriptor) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("identifier", descriptor.ref().identifier());
    out.put("modelId", descriptor.ref().identifier());
    out.put("version", descriptor.ref().version());
    out.put("name", descriptor.name());
    out.put("description", descriptor.description());
    out.put("model", ordered("identifier", descriptor.ref().identifier(), "name", descriptor.name()));
    out.put("timeout", ordered("status", descriptor.timeouts().status().toMillis(),
        "run", descriptor.timeouts().run().toMillis()));
    out.put("inputs", descriptor.inputs().stream().map(Views::input).toList());
    out.put("outputs", descriptor.outputs().stream().map(Views::output).toList());
    out.put("fields", descriptor.fields().stream().map(Views::field).toList());
    out.put("outputFields", descriptor.outputFields().stream().map(Views::field).toList());
    out.put("features", ordered("explain", descriptor.explainSupported()));
    out.put("imageClassificationModel", descriptor.imageClassification());
    out.put("pricing", ordered("recordsPerGroup", descriptor.pricing().recordsPerGroup(),
        "unitsPerGroup", descriptor.pricing().unitsPerGroup()));
    return out;
  }

  private static Map<String, Object> input(ModelInput input) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", input.name());
    // why: Modzy wrote acceptedMediaTypes as one comma-separated string, which the SDKs pass on as is.
    out.put("acceptedMediaTypes", String.join(", ", input.acceptedMediaTypes()));
    out.put("maximumSize", input.maximumSize());
    return out;
  }

  private static Map<String, Object> output(ModelOutput output) {
    return ordered("name", output.name(), "mediaType", output.mediaType());
  }

  private static Map<String, Object> field(Field field) {
    return ordered("name", field.name(), "type", field.type().label());
  }

  /** The on-demand job summary. */
  Map<String, Object> summary(JobView view) {
    Job job = view.job();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", job.id().value());
    out.put("name", job.name());
    out.put("inputFileName", job.input().fileName());
    out.put("inputMime", job.input().mediaType());
    out.put("billedUsage", job.billing().billedUsage());
    out.put("recordCount", job.billing().recordCount());
    out.put("recordGroupCount", job.billing().recordGroupCount());
    out.put("processingTimeMS", view.elapsedTime().toMillis());
    out.put("status", onDemandStatus(job.status()));
    out.put("errorMessage", job.errorMessage().isEmpty() ? null : job.errorMessage());
    out.put("createdDateUtc", Times.format(job.createdAt()));
    out.put("lastUpdatedUtc", Times.format(job.updatedAt()));
    return out;
  }

  static String onDemandStatus(JobStatus status) {
    return switch (status) {
      case OPEN, SUBMITTED -> "pending";
      case IN_PROGRESS -> "processing";
      case COMPLETED -> "success";
      case ERROR -> "error";
      case CANCELED -> "canceled";
      case TIMEDOUT -> "timedout";
    };
  }

  /** The on-demand envelope around {@code data}. */
  static Map<String, Object> envelope(Object data) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("data", data);
    out.put("isError", false);
    out.put("errorMessage", null);
    return out;
  }

  static Map<String, Object> envelopeError(String message) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("data", null);
    out.put("isError", true);
    out.put("errorMessage", message);
    return out;
  }

  /** A small JSON object whose keys keep the order given (name, value, name, value, ...). */
  static Map<String, Object> ordered(Object... namesAndValues) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      out.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return out;
  }

  static Map<String, Object> modzyError(int status, String message) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("statusCode", status);
    out.put("status", ErrorTable.reason(status));
    out.put("message", message);
    return out;
  }
}
