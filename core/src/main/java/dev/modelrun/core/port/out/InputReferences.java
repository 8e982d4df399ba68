package dev.modelrun.core.port.out;

import static java.util.Objects.requireNonNull;

import com.google.common.io.ByteSource;
import dev.modelrun.core.model.InputReference;
import dev.modelrun.core.model.ReferencedContent;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Opens the {@link InputReference}s of one kind, as made by a {@link ReferencedContent} of the same adapter on any
 * node that shares its key: what a durable input store needs to keep such inputs as references rather than bytes.
 * Implementations are thread-safe.
 */
public interface InputReferences {
  /** The kind of references this opens ({@code aws-s3}). */
  String kind();

  /**
   * The content behind a reference of this kind, read when opened. This never fails: a reference that cannot be used
   * (sealed with another key, altered, of another kind) gives {@linkplain #unreadable unreadable} content saying
   * why, so the item that needs it fails with that reason.
   */
  ByteSource open(InputReference reference);

  /**
   * The contents behind several references, as {@link #open} gives each, for items about to run together: an
   * implementation may read small contents now, concurrently (bounded), and hand them over from memory, where reading
   * them one by one when the model runs would cost a round trip each. Like {@link #open} this never fails: a content
   * that could not be read is {@linkplain #unreadable unreadable} with the reason. An interrupt stops the reading; the
   * contents not read yet are then read when opened.
   *
   * @return one content per reference, in the order of {@code references}
   */
  default List<ByteSource> openAll(List<InputReference> references) {
    return references.stream().map(this::open).toList();
  }

  /** Content that cannot be read: opening it throws an {@link IOException} with {@code reason} as its message. */
  static ByteSource unreadable(String reason) {
    requireNonNull(reason, "reason");
    return new ByteSource() {
      @Override
      public InputStream openStream() throws IOException {
        throw new IOException(reason);
      }
    };
  }
}
