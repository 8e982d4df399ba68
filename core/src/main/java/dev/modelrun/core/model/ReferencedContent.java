package dev.modelrun.core.model;

import com.google.common.io.ByteSource;

/**
 * The content of an input that lives elsewhere (an S3 object) and is read from there when opened, and that can be
 * written down as an {@link InputReference}: a durable input store keeps that reference instead of reading the bytes,
 * and reopens it through the {@code InputReferences} of its kind when the model runs.
 */
public abstract class ReferencedContent extends ByteSource {
  /** This content as a reference; credentials in it are sealed, never in clear. */
  public abstract InputReference reference();
}
