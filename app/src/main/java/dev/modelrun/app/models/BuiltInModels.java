package dev.modelrun.app.models;

import dev.modelrun.core.port.out.Model;
import java.util.List;

/** The models the app serves out of the box; also listed for {@link java.util.ServiceLoader}. */
public final class BuiltInModels {
  private BuiltInModels() {}

  /** A new instance of each built-in model: {@link SentimentModel} and {@link TabularDemoModel}. */
  public static List<Model> all() {
    return List.of(new SentimentModel(), new TabularDemoModel());
  }
}
