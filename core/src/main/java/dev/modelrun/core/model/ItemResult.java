package dev.modelrun.core.model;

import java.time.Instant;

/** What became of one item: a success with its outputs, or a failure with its error. */
public sealed interface ItemResult permits ItemSuccess, ItemFailure {
  /** The item's name. */
  String item();

  Instant startTime();

  Instant endTime();
}
