package dev.modelrun.core.port.out;

import dev.modelrun.core.model.ModelDescriptor;

/**
 * The model SPI: a model describes itself and runs either on one item ({@link ItemModel}) or on a batch of records
 * ({@link TabularModel}). Implementations are registered on the engine or found through {@link
 * java.util.ServiceLoader}; they must be thread-safe and should stop promptly when their thread is interrupted.
 */
public sealed interface Model permits ItemModel, TabularModel {
  ModelDescriptor descriptor();
}
