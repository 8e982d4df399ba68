package dev.modelrun.engine;

import dev.modelrun.core.model.ModelDescriptor;
import dev.modelrun.core.model.ModelNotFoundException;
import dev.modelrun.core.model.ModelRef;
import dev.modelrun.core.port.in.ModelCatalogUseCase;
import dev.modelrun.core.port.in.ModelSummary;
import java.util.List;

/** Lists and describes the engine's models. */
final class ModelCatalogService implements ModelCatalogUseCase {
  private final ModelRegistry models;

  ModelCatalogService(ModelRegistry models) {
    this.models = models;
  }

  @Override
  public List<ModelSummary> models() {
    return models.summaries();
  }

  @Override
  public ModelSummary model(String identifier) {
    return models.summary(identifier);
  }

  @Override
  public ModelDescriptor descriptor(String identifier, String version) {
    if (identifier.isBlank() || version.isBlank()) {
      throw new ModelNotFoundException(identifier, version);
    }
    return models.entry(ModelRef.of(identifier, version)).descriptor;
  }
}
