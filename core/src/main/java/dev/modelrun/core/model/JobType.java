package dev.modelrun.core.model;

/** Modzy-style jobs over named input items ({@code BATCH}), or on-demand jobs over the records of a file. */
public enum JobType {
  BATCH,
  STRUCTURED
}
