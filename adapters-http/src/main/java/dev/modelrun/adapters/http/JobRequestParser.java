package dev.modelrun.adapters.http;

import static dev.modelrun.adapters.http.Fields.key;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelrun.core.model.EmbeddedInput;
import dev.modelrun.core.model.InvalidInputException;
import dev.modelrun.core.model.JdbcInput;
import dev.modelrun.core.model.JobInput;
import dev.modelrun.core.model.JobSpec;
import dev.modelrun.core.model.ModelRef;
import dev.modelrun.core.model.S3Credentials;
import dev.modelrun.core.model.S3FolderInput;
import dev.modelrun.core.model.S3Input;
import dev.modelrun.core.model.S3Location;
import dev.modelrun.core.model.Secret;
import dev.modelrun.core.model.TextInput;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * Reads the body of {@code POST /api/jobs} into core's request values. Unknown top-level fields are ignored; a value
 * of the wrong type is a 400 naming its path ({@code input.sources.my-item must be an object}).
 */
final class JobRequestParser {
  /** A parsed submit: the model, the options, and the input (empty for a chunked job that is opened). */
  record ParsedJob(ModelRef model, JobSpec spec, Optional<JobInput> input) {}

  private final UnaryOperator<String> latestVersion;

  /** @param latestVersion gives a model's latest version, for a request that names none */
  JobRequestParser(UnaryOperator<String> latestVersion) {
    this.latestVersion = latestVersion;
  }

  ParsedJob parse(JsonNode root) {
    if (!root.isObject()) {
      throw new InvalidInputException("request body must be a JSON object but was " + Fields.describe(root));
    }
    JsonNode model = Fields.requireObject(root.get("model"), "model");
    String identifier = Fields.requireNonBlankString(model, "identifier", "model.identifier");
    String version = Fields.optionalString(model, "version", "model.version")
        .filter(v -> !v.isBlank())
        .orElseGet(() -> latestVersion.apply(identifier));
    JobSpec spec = spec(root);
    Optional<JobInput> input = Fields.optionalObject(root, "input", "input").map(this::input);
    return new ParsedJob(ModelRef.of(identifier, version), spec, input);
  }

  private static JobSpec spec(JsonNode root) {
    JobSpec spec = JobSpec.defaults();
    spec = spec.withName(Fields.optionalString(root, "name", "name").orElse(""));
    spec = spec.withExplain(Fields.optionalBoolean(root, "explain", "explain").orElse(false));
    Optional<Long> timeout = Fields.optionalWholeNumber(root, "timeout", "timeout");
    if (timeout.isPresent()) {
      // why: the Go SDK sends 0 for "no timeout" (its field is omitempty only when unset).
      if (timeout.get() != 0) {
        spec = spec.withTimeout(Duration.ofMillis(timeout.get()));
      }
    }
    Optional<Long> hours = Fields.optionalWholeNumber(root, "hoursDeleteInput", "hoursDeleteInput");
    if (hours.isPresent()) {
      long value = hours.get();
      if (value < 0 || value > JobSpec.MAX_HOURS_DELETE_INPUT) {
        throw new InvalidInputException("hoursDeleteInput must be between 0 and " + JobSpec.MAX_HOURS_DELETE_INPUT
            + " but was " + value);
      }
      spec = spec.withHoursDeleteInput((int) value);
    }
    return spec;
  }

  private JobInput input(JsonNode input) {
    String type = Fields.requireString(input, "type", "input.type");
    return switch (type) {
      case "text" -> new TextInput(sources(input, JobRequestParser::stringValue));
      case "embedded" -> new EmbeddedInput(sources(input, JobRequestParser::stringValue));
      case "aws-s3" -> new S3Input(s3Credentials(input), sources(input, JobRequestParser::s3Location));
      case "aws-s3-folder" -> new S3FolderInput(s3Credentials(input), sources(input, JobRequestParser::s3Location));
      case "jdbc" -> new JdbcInput(
          Fields.requireString(input, "url", "input.url"),
          Fields.optionalString(input, "username", "input.username").orElse(""),
          Secret.of(Fields.optionalString(input, "password", "input.password").orElse("")),
          Fields.optionalString(input, "driver", "input.driver").orElse(""),
          Fields.requireString(input, "query", "input.query"));
      default -> throw new InvalidInputException("input.type must be one of text, embedded, aws-s3, aws-s3-folder, "
          + "jdbc but was '" + Text.clip(type) + "'");
    };
  }

  private static <V> Map<String, Map<String, V>> sources(JsonNode input,
      BiFunction<JsonNode, String, V> valueReader) {
    JsonNode sources = Fields.requireObject(input.get("sources"), "input.sources");
    Map<String, Map<String, V>> items = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> item : sources.properties()) {
      String itemPath = "input.sources." + key(item.getKey());
      JsonNode inputs = Fields.requireObject(item.getValue(), itemPath);
      Map<String, V> values = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> value : inputs.properties()) {
        values.put(value.getKey(), valueReader.apply(value.getValue(), itemPath + "." + key(value.getKey())));
      }
      items.put(item.getKey(), values);
    }
    return items;
  }

  private static String stringValue(JsonNode node, String path) {
    if (node == null || node.isNull()) {
      throw new InvalidInputException(path + " is required");
    }
    if (!node.isTextual()) {
      throw new InvalidInputException(path + " must be a string but was " + Fields.describe(node));
    }
    return node.textValue();
  }

  private static S3Location s3Location(JsonNode node, String path) {
    Fields.requireObject(node, path);
    String bucket = Fields.requireString(node, "bucket", path + ".bucket");
    String key = Fields.requireString(node, "key", path + ".key");
    if (bucket.isBlank()) {
      throw new InvalidInputException(path + ".bucket must not be blank");
    }
    if (key.isEmpty()) {
      throw new InvalidInputException(path + ".key must not be empty");
    }
    return new S3Location(bucket, key);
  }

  private static S3Credentials s3Credentials(JsonNode input) {
    return new S3Credentials(
        Fields.requireString(input, "accessKeyID", "input.accessKeyID"),
        Secret.of(Fields.requireString(input, "secretAccessKey", "input.secretAccessKey")),
        Fields.requireString(input, "region", "input.region"));
  }
}
