package dev.modelrun.engine;

import com.google.common.collect.ImmutableMap;
import dev.modelrun.core.model.EmbeddedData;
import dev.modelrun.core.model.EmbeddedInput;
import dev.modelrun.core.model.InputData;
import dev.modelrun.core.model.InputItem;
import dev.modelrun.core.model.InvalidInputException;
import dev.modelrun.core.model.JobInput;
import dev.modelrun.core.model.ModelDescriptor;
import dev.modelrun.core.model.ModelInput;
import dev.modelrun.core.model.TextInput;
import dev.modelrun.core.model.UploadedFileInput;
import dev.modelrun.core.port.out.InputSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Turns a request's inputs into items and checks them against the model: every item gives every model input and
 * nothing else, each value fits the input's media types and maximum size. Text and embedded inputs are read here,
 * the others through the input source registered for their type.
 */
final class SubmittedItems {
  private final Map<Class<?>, InputSource<?>> sources;

  SubmittedItems(Map<Class<?>, InputSource<?>> sources) {
    this.sources = Map.copyOf(sources);
  }

  /** @throws InvalidInputException naming what is wrong and where */
  List<InputItem> resolve(JobInput input, ModelDescriptor model) {
    if (input instanceof UploadedFileInput) {
      throw new InvalidInputException("model " + model.ref() + " runs on items, not on the records of an uploaded "
          + "file (input type 'file' is for tabular models)");
    }
    if (model.isTabular()) {
      throw new InvalidInputException("model " + model.ref() + " is a tabular model: its inputs are the fields of "
          + "records, which input type '" + input.type() + "' does not give");
    }
    List<InputItem> items = switch (input) {
      case TextInput text -> fromSources(text.sources(), model, SubmittedItems::text);
      case EmbeddedInput embedded -> fromSources(embedded.sources(), model,
          (value, item, name) -> EmbeddedData.decode(value, where(item) + "." + name));
      default -> fromSource(input, model);
    };
    // why: the items of text and embedded inputs are the keys of one map, so their names cannot repeat.
    Set<String> names = input instanceof TextInput || input instanceof EmbeddedInput ? null : new HashSet<>();
    for (InputItem item : items) {
      if (names != null && !names.add(item.name())) {
        throw new InvalidInputException("input of type '" + input.type() + "' names item '" + item.name()
            + "' twice");
      }
      check(item, model, "input.sources.");
    }
    return items;
  }

  /** Checks one item; {@code wherePrefix} followed by the item's name says where it is in messages. */
  static void check(InputItem item, ModelDescriptor model, String wherePrefix) {
    List<ModelInput> inputs = model.inputs();
    for (int i = 0; i < inputs.size(); i++) {
      ModelInput expected = inputs.get(i);
      if (!item.inputs().containsKey(expected.name())) {
        throw new InvalidInputException(wherePrefix + item.name() + " must give model input '" + expected.name()
            + "'");
      }
    }
    item.inputs().forEach((name, data) -> {
      ModelInput expected = find(model, name);
      String where = expected == null || data.size() > expected.maximumSize() || !expected.accepts(data.mediaType())
          ? wherePrefix + item.name() : "";
      if (expected == null) {
        throw notAnInput(model, name, where);
      }
      if (data.size() > expected.maximumSize()) {
        throw new InvalidInputException(where + "." + name + " is " + data.size() + " bytes, over the maximum of "
            + expected.maximumSize() + " bytes of model input '" + name + "'");
      }
      if (!expected.accepts(data.mediaType())) {
        throw new InvalidInputException(where + "." + name + " has media type '" + data.mediaType()
            + "', which model input '" + name + "' does not accept (it accepts " + expected.acceptedMediaTypes()
            + ")");
      }
    });
  }

  static ModelInput expectedInput(ModelDescriptor model, String name, String where) {
    ModelInput input = find(model, name);
    if (input == null) {
      throw notAnInput(model, name, where);
    }
    return input;
  }

  private static InvalidInputException notAnInput(ModelDescriptor model, String name, String where) {
    return new InvalidInputException(where + "." + name + " is not an input of model " + model.ref()
        + " (its inputs are " + model.inputs().stream().map(ModelInput::name).toList() + ")");
  }

  // why: a loop by index, not model.input(name) nor an iterator: this runs for every value of every item of a submit.
  private static ModelInput find(ModelDescriptor model, String name) {
    List<ModelInput> inputs = model.inputs();
    for (int i = 0; i < inputs.size(); i++) {
      if (inputs.get(i).name().equals(name)) {
        return inputs.get(i);
      }
    }
    return null;
  }

  /** The total bytes of the items' inputs. */
  static long bytes(List<InputItem> items) {
    // why: not through inputs().values(), which an ImmutableMap makes on first use and then keeps: an object more
    // per item, held for as long as the job's inputs.
    long[] total = {0};
    BiConsumer<String, InputData> add = (name, data) -> total[0] += data.size();
    for (InputItem item : items) {
      item.inputs().forEach(add);
    }
    return total[0];
  }

  private static List<InputItem> fromSources(Map<String, Map<String, String>> sources, ModelDescriptor model,
      Reader reader) {
    List<InputItem> items = new ArrayList<>(sources.size());
    sources.forEach((item, values) -> {
      // why: built as the item keeps it, so the item takes it as it is rather than copying a map of each item.
      ImmutableMap.Builder<String, InputData> inputs = ImmutableMap.builderWithExpectedSize(values.size());
      values.forEach((name, value) -> {
        // why: where an item is, for messages, is written out only for a message: not twice for every value.
        ModelInput expected = find(model, name);
        if (expected == null) {
          throw notAnInput(model, name, where(item));
        }
        // why: refuse an oversized value before decoding it (base64 is 4/3 of the bytes it holds).
        if ((long) value.length() > expected.maximumSize() * 4 / 3 + 64) {
          throw new InvalidInputException(where(item) + "." + name + " is over the maximum of "
              + expected.maximumSize() + " bytes of model input '" + name + "'");
        }
        inputs.put(name, reader.read(value, item, name));
      });
      items.add(new InputItem(item, inputs.buildOrThrow()));
    });
    return items;
  }

  @SuppressWarnings("unchecked")
  private List<InputItem> fromSource(JobInput input, ModelDescriptor model) {
    InputSource<JobInput> source = (InputSource<JobInput>) sources.get(input.getClass());
    if (source == null) {
      throw new InvalidInputException("input type '" + input.type() + "' is not available on this server: no "
          + "input source is registered for it");
    }
    List<InputItem> items = source.resolve(input, model);
    if (items.isEmpty()) {
      throw new InvalidInputException("input of type '" + input.type() + "' gave no items");
    }
    return items;
  }

  private static String where(String item) {
    return "input.sources." + item;
  }

  private static InputData text(String value, String item, String name) {
    return InputData.text(value);
  }

  @FunctionalInterface
  private interface Reader {
    /** Reads the value of input {@code name} of {@code item} (named in messages as {@code where(item)} does). */
    InputData read(String value, String item, String name);
  }
}
