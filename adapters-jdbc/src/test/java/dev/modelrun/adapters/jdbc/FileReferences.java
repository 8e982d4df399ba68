package dev.modelrun.adapters.jdbc;

import com.google.common.io.ByteSource;
import com.google.common.io.MoreFiles;
import dev.modelrun.core.model.InputReference;
import dev.modelrun.core.model.ReferencedContent;
import dev.modelrun.core.port.out.InputReferences;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * References of kind {@value #KIND} to local files, for the tests of how the input store keeps referenced content:
 * the S3 adapter's references, which the store keeps the same way, live in a module this one must not see.
 */
final class FileReferences implements InputReferences {
  static final String KIND = "file";

  @Override
  public String kind() {
    return KIND;
  }

  /** How many references each call of {@link #openAll} was given. */
  final List<Integer> openedTogether = new CopyOnWriteArrayList<>();

  @Override
  public ByteSource open(InputReference reference) {
    return MoreFiles.asByteSource(Path.of(new String(reference.sealed(), StandardCharsets.UTF_8)));
  }

  @Override
  public List<ByteSource> openAll(List<InputReference> references) {
    openedTogether.add(references.size());
    return InputReferences.super.openAll(references);
  }

  /** A file as referenced content, counting how often its bytes were read. */
  static final class FileContent extends ReferencedContent {
    private final Path file;
    final AtomicInteger reads = new AtomicInteger();

    FileContent(Path file) {
      this.file = file;
    }

    @Override
    public InputReference reference() {
      return new InputReference(KIND, file.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public InputStream openStream() throws IOException {
      reads.incrementAndGet();
      return MoreFiles.asByteSource(file).openStream();
    }
  }
}
