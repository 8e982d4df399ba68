package dev.modelrun.app;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.modelrun.adapters.oip.OipClient;
import dev.modelrun.adapters.oip.OipConnections;
import dev.modelrun.adapters.oip.OipEndpoint;
import dev.modelrun.adapters.oip.RemoteItemModel;
import dev.modelrun.adapters.oip.RemoteTabularModel;
import dev.modelrun.adapters.oip.Resilience;
import dev.modelrun.core.billing.Pricing;
import dev.modelrun.core.model.Field;
import dev.modelrun.core.model.FieldType;
import dev.modelrun.core.model.InvalidInputException;
import dev.modelrun.core.model.ModelDescriptor;
import dev.modelrun.core.model.ModelInput;
import dev.modelrun.core.model.ModelOutput;
import dev.modelrun.core.model.ModelRef;
import dev.modelrun.core.model.ModelTimeouts;
import dev.modelrun.core.port.out.Model;
import dev.modelrun.engine.RegressionModel;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The models file ({@code MODELRUN_MODELS}, YAML, or JSON when its name ends in {@code .json}): the models this server
 * runs beside its built-in ones, each remote (on an Open Inference Protocol server) or a linear or logistic
 * regression from coefficients. Every mistake is a {@link ConfigException} naming the file, the line and the field.
 * README.md ("Bring your own model") documents the format.
 */
final class ModelsFile {
  /** A model from the file and how many of its calls may run at once. */
  record Declared(Model model, int concurrency) {}

  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)");
  private static final Pattern SIZE = Pattern.compile("(\\d{1,12})\\s*(B|KB|MB|GB)?", Pattern.CASE_INSENSITIVE);
  private static final long DEFAULT_MAXIMUM_SIZE = 1024 * 1024;
  private static final Set<String> MODEL_KEYS = Set.of("identifier", "version", "name", "description", "inputs",
      "outputs", "fields", "outputFields", "explain", "pricing", "timeouts", "concurrency", "batchSize", "runs");

  private final Path file;
  private final LocatedTree tree;

  private ModelsFile(Path file, LocatedTree tree) {
    this.file = file;
    this.tree = tree;
  }

  /**
   * Reads and checks the file and makes its models; remote ones share {@code connections}.
   *
   * @param taken the models registered otherwise (the built-in ones): the file may not declare them again
   * @param workers the concurrency of a model that does not set its own
   * @throws ConfigException naming the file, line and field of the first mistake
   */
  static List<Declared> load(Path file, Set<ModelRef> taken, int workers, OipConnections connections) {
    LocatedTree tree;
    JsonFactory factory = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")
        ? new JsonFactory() : new YAMLFactory();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      tree = LocatedTree.read(factory, reader);
    } catch (JsonProcessingException e) {
      throw new ConfigException("models file " + file + ", line " + e.getLocation().getLineNr() + ": not valid "
          + (factory instanceof YAMLFactory ? "YAML" : "JSON") + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ConfigException("models file " + file + " cannot be read: " + e);
    }
    return new ModelsFile(file, tree).models(taken, workers, connections);
  }

  private List<Declared> models(Set<ModelRef> taken, int workers, OipConnections connections) {
    At root = new At("", tree.root());
    if (!root.node.isObject()) {
      throw root.error("must be a mapping with the key 'models'");
    }
    root.only(Set.of("models"));
    List<At> entries = root.list("models", true);
    if (entries.isEmpty()) {
      throw root.child("models").error("must list at least one model");
    }
    Set<ModelRef> seen = new HashSet<>(taken);
    List<Declared> models = new ArrayList<>();
    for (At entry : entries) {
      Declared declared = model(entry, workers, connections);
      ModelRef ref = declared.model().descriptor().ref();
      if (!seen.add(ref)) {
        throw entry.child("identifier").error("model " + ref + " is declared twice (or is a built-in model)");
      }
      models.add(declared);
    }
    return models;
  }

  private Declared model(At entry, int workers, OipConnections connections) {
    if (!entry.node.isObject()) {
      throw entry.error("must be a mapping (identifier, version, name, ...)");
    }
    entry.only(MODEL_KEYS);
    ModelRef ref = ModelRef.of(entry.text("identifier"), entry.text("version"));
    String name = entry.text("name");
    String description = entry.text("description", "");
    At runs = entry.child("runs");
    if (!runs.node.isObject()) {
      throw runs.error("must say where the model runs: a mapping with type oip, linear or logistic");
    }
    String type = runs.text("type");
    boolean regression = type.equals("linear") || type.equals("logistic");
    if (!regression && !type.equals("oip")) {
      throw runs.child("type").error("must be oip, linear or logistic but was '" + type + "'");
    }
    List<ModelInput> inputs = inputs(entry);
    List<ModelOutput> outputs = outputs(entry);
    List<Field> fields = fields(entry, "fields");
    List<Field> outputFields = fields(entry, "outputFields");
    Map<String, BigDecimal> coefficients = new LinkedHashMap<>();
    if (regression) {
      runs.only(Set.of("type", "intercept", "coefficients", "threshold", "labels"));
      if (!inputs.isEmpty() || !outputs.isEmpty()) {
        throw entry.child(inputs.isEmpty() ? "outputs" : "inputs").error("a " + type
            + " model has fields, not inputs and outputs");
      }
      if (!outputFields.isEmpty()) {
        throw entry.child("outputFields").error("is set by the model type: " + (type.equals("linear")
            ? "score (number)" : "score (number) and label (string)") + "; leave it out");
      }
      At table = runs.child("coefficients");
      if (!table.node.isObject() || table.node.isEmpty()) {
        throw table.error("must map field names to numbers, such as {age: 0.02}");
      }
      table.node.fieldNames().forEachRemaining(field -> coefficients.put(field, table.decimal(field)));
      if (fields.isEmpty()) {
        coefficients.keySet().forEach(field -> fields.add(Field.of(field, FieldType.NUMBER)));
      }
      outputFields = type.equals("linear") ? RegressionModel.LINEAR_OUTPUTS : RegressionModel.LOGISTIC_OUTPUTS;
    } else {
      runs.only(Set.of("type", "endpoint", "model", "version", "retries", "backoff", "requestTimeout",
          "connectTimeout", "breaker"));
    }
    boolean tabular = !fields.isEmpty() || !outputFields.isEmpty();
    if (tabular && (!inputs.isEmpty() || !outputs.isEmpty())) {
      throw entry.child("inputs").error("a model has either inputs and outputs or fields and outputFields, not both");
    }
    if (!tabular && inputs.isEmpty()) {
      throw entry.error("needs inputs and outputs (an item model) or fields and outputFields (a tabular model)");
    }
    if (tabular && fields.isEmpty()) {
      throw entry.error("needs fields");
    }
    if (tabular && outputFields.isEmpty()) {
      throw entry.error("needs outputFields");
    }
    if (!tabular && outputs.isEmpty()) {
      throw entry.error("needs outputs");
    }
    At pricing = entry.child("pricing");
    pricing.only(Set.of("recordsPerGroup", "unitsPerGroup"));
    At timeouts = entry.child("timeouts");
    timeouts.only(Set.of("status", "run"));
    // why: records are small and a model server takes many at once; items are whole documents, one per request
    // unless the model server is known to take batches.
    int batchSize = entry.integer("batchSize", tabular ? 256 : 1, 1, 100_000);
    ModelDescriptor descriptor;
    try {
      descriptor = new ModelDescriptor(ref, name, description, inputs, outputs, fields, outputFields,
          entry.bool("explain", false), false,
          Pricing.of(pricing.integer("recordsPerGroup", 1, 1, 1_000_000),
              pricing.integer("unitsPerGroup", 1, 0, 1_000_000_000)),
          ModelTimeouts.of(timeouts.duration("status", Duration.ofSeconds(60)),
              timeouts.duration("run", Duration.ofSeconds(30))));
    } catch (IllegalArgumentException e) {
      throw entry.error(e.getMessage());
    }
    int concurrency = entry.integer("concurrency", workers, 1, 10_000);
    Model model;
    if (regression) {
      try {
        model = type.equals("linear")
            ? RegressionModel.linear(descriptor, runs.decimal("intercept", BigDecimal.ZERO), coefficients)
            : logistic(runs, descriptor, coefficients);
      } catch (IllegalArgumentException e) {
        throw runs.error(e.getMessage());
      }
    } else {
      model = remote(runs, descriptor, batchSize, connections);
    }
    return new Declared(model, concurrency);
  }

  private RegressionModel logistic(At runs, ModelDescriptor descriptor, Map<String, BigDecimal> coefficients) {
    List<At> labels = runs.list("labels", false);
    if (!labels.isEmpty() && labels.size() != 2) {
      throw runs.child("labels").error("must be two labels, [negative, positive]");
    }
    At threshold = runs.child("threshold");
    double cut = threshold.node.isMissingNode() ? 0.5 : runs.decimal("threshold").doubleValue();
    if (!(cut > 0 && cut < 1)) {
      throw threshold.error("must be between 0 and 1 (exclusive) but was " + threshold.node.asText());
    }
    return RegressionModel.logistic(descriptor, runs.decimal("intercept", BigDecimal.ZERO), coefficients, cut,
        labels.isEmpty() ? "0" : labels.get(0).scalar(), labels.isEmpty() ? "1" : labels.get(1).scalar());
  }

  private Model remote(At runs, ModelDescriptor descriptor, int batchSize, OipConnections connections) {
    At endpointAt = runs.child("endpoint");
    URI server;
    try {
      server = URI.create(runs.text("endpoint"));
    } catch (IllegalArgumentException e) {
      throw endpointAt.error("must be an http(s) URL such as http://127.0.0.1:8000 but was '"
          + endpointAt.node.asText() + "'");
    }
    OipEndpoint endpoint;
    try {
      endpoint = new OipEndpoint(server, runs.text("model", descriptor.ref().identifier()), runs.text("version", ""));
    } catch (IllegalArgumentException e) {
      throw endpointAt.error(e.getMessage());
    }
    At breaker = runs.child("breaker");
    breaker.only(Set.of("failures", "openFor"));
    Resilience resilience = new Resilience(
        runs.duration("requestTimeout", descriptor.timeouts().run()),
        runs.integer("retries", 2, 0, 9) + 1,
        runs.duration("backoff", Duration.ofMillis(100)),
        breaker.integer("failures", 5, 1, 1000),
        breaker.duration("openFor", Duration.ofSeconds(30)));
    OipClient client = runs.child("connectTimeout").node.isMissingNode()
        ? connections.client(endpoint, resilience)
        : connections.client(endpoint, resilience, runs.duration("connectTimeout", null));
    return descriptor.isTabular()
        ? new RemoteTabularModel(descriptor, client, batchSize)
        : new RemoteItemModel(descriptor, client, batchSize);
  }

  private List<ModelInput> inputs(At entry) {
    List<ModelInput> inputs = new ArrayList<>();
    for (At input : entry.list("inputs", false)) {
      input.only(Set.of("name", "mediaTypes", "maximumSize"));
      List<String> types = input.list("mediaTypes", false).stream().map(At::scalar).toList();
      try {
        inputs.add(new ModelInput(input.text("name"), types.isEmpty() ? List.of("text/plain") : types,
            input.size("maximumSize", DEFAULT_MAXIMUM_SIZE)));
      } catch (IllegalArgumentException e) {
        throw input.error(e.getMessage());
      }
    }
    return inputs;
  }

  private List<ModelOutput> outputs(At entry) {
    List<ModelOutput> outputs = new ArrayList<>();
    for (At output : entry.list("outputs", false)) {
      output.only(Set.of("name", "mediaType"));
      outputs.add(new ModelOutput(output.text("name"), output.text("mediaType", "application/json")));
    }
    return outputs;
  }

  private List<Field> fields(At entry, String key) {
    List<Field> fields = new ArrayList<>();
    for (At field : entry.list(key, false)) {
      field.only(Set.of("name", "type"));
      FieldType type;
      try {
        type = FieldType.parse(field.text("type"));
      } catch (InvalidInputException e) {
        throw field.child("type").error(e.getMessage());
      }
      fields.add(Field.of(field.text("name"), type));
    }
    return fields;
  }

  /** A value of the file and its path, with typed reads that fail naming the file, line and field. */
  private final class At {
    final String path;
    final JsonNode node;

    At(String path, JsonNode node) {
      this.path = path;
      this.node = node;
    }

    At child(String key) {
      return new At(path.isEmpty() ? key : path + "." + key, node.path(key));
    }

    ConfigException error(String message) {
      return new ConfigException("models file " + file + ", line " + tree.line(path) + ", "
          + (path.isEmpty() ? "top level" : path) + ": " + message);
    }

    void only(Set<String> keys) {
      if (node.isMissingNode()) {
        return;
      }
      if (!node.isObject()) {
        throw error("must be a mapping of " + String.join(", ", keys.stream().sorted().toList()));
      }
      node.fieldNames().forEachRemaining(key -> {
        if (!keys.contains(key)) {
          throw child(key).error("unknown key; expected one of " + String.join(", ", keys.stream().sorted().toList()));
        }
      });
    }

    String scalar() {
      if (!node.isValueNode() || node.isNull() || node.asText().isBlank()) {
        throw error("must be a non-empty text");
      }
      return node.asText();
    }

    String text(String key) {
      At value = child(key);
      if (value.node.isMissingNode()) {
        throw value.error("is required");
      }
      return value.scalar();
    }

    String text(String key, String fallback) {
      return child(key).node.isMissingNode() ? fallback : text(key);
    }

    boolean bool(String key, boolean fallback) {
      At value = child(key);
      if (value.node.isMissingNode()) {
        return fallback;
      }
      if (!value.node.isBoolean()) {
        throw value.error("must be true or false but was '" + value.node.asText() + "'");
      }
      return value.node.booleanValue();
    }

    int integer(String key, int fallback, int min, int max) {
      At value = child(key);
      if (value.node.isMissingNode()) {
        return fallback;
      }
      if (!value.node.isIntegralNumber() || !value.node.canConvertToInt() || value.node.intValue() < min
          || value.node.intValue() > max) {
        throw value.error("must be a whole number from " + min + " to " + max + " but was '" + value.node.asText()
            + "'");
      }
      return value.node.intValue();
    }

    BigDecimal decimal(String key) {
      At value = child(key);
      if (!value.node.isNumber()) {
        throw value.error(value.node.isMissingNode() ? "is required" : "must be a number but was '"
            + value.node.asText() + "'");
      }
      return value.node.decimalValue();
    }

    BigDecimal decimal(String key, BigDecimal fallback) {
      return child(key).node.isMissingNode() ? fallback : decimal(key);
    }

    Duration duration(String key, Duration fallback) {
      At value = child(key);
      if (value.node.isMissingNode()) {
        return fallback;
      }
      Matcher matcher = DURATION.matcher(value.node.asText().strip());
      if (!value.node.isTextual() || !matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
        throw value.error("must be a positive duration such as 250ms, 30s, 5m or 1h but was '" + value.node.asText()
            + "'");
      }
      long amount = Long.parseLong(matcher.group(1));
      return switch (matcher.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        default -> Duration.ofHours(amount);
      };
    }

    long size(String key, long fallback) {
      At value = child(key);
      if (value.node.isMissingNode()) {
        return fallback;
      }
      Matcher matcher = SIZE.matcher(value.node.asText().strip());
      if (!matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
        throw value.error("must be a positive size such as 1048576, 512KB or 16MB but was '" + value.node.asText()
            + "'");
      }
      long unit = switch (matcher.group(2) == null ? "B" : matcher.group(2).toUpperCase(Locale.ROOT)) {
        case "KB" -> 1024;
        case "MB" -> 1024 * 1024;
        case "GB" -> 1024 * 1024 * 1024;
        default -> 1;
      };
      return Math.multiplyExact(Long.parseLong(matcher.group(1)), unit);
    }

    List<At> list(String key, boolean required) {
      At value = child(key);
      if (value.node.isMissingNode()) {
        if (required) {
          throw value.error("is required");
        }
        return List.of();
      }
      if (!value.node.isArray()) {
        throw value.error("must be a list");
      }
      List<At> items = new ArrayList<>();
      for (int i = 0; i < value.node.size(); i++) {
        items.add(new At(value.path + "[" + i + "]", value.node.get(i)));
      }
      return items;
    }
  }
}
