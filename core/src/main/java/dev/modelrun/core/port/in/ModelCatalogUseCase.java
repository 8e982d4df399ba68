package dev.modelrun.core.port.in;

import dev.modelrun.core.model.ModelDescriptor;
import dev.modelrun.core.model.ModelNotFoundException;
import java.util.List;

/** Lists the models that can run and describes each version. */
public interface ModelCatalogUseCase {
  /** Every model, sorted by identifier. */
  List<ModelSummary> models();

  /** @throws ModelNotFoundException when no model has this identifier */
  ModelSummary model(String identifier);

  /** @throws ModelNotFoundException when the model or version is unknown */
  ModelDescriptor descriptor(String identifier, String version);
}
