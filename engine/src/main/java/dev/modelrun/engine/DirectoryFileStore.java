package dev.modelrun.engine;

import static java.util.Objects.requireNonNull;

import com.google.common.io.ByteSource;
import com.google.common.io.MoreFiles;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.port.out.FileStore;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * A file store in a local directory: one folder per job, one file per name. A file is written under a temporary
 * name and moved into place when its stream is closed, so readers see it whole or not at all. Thread-safe.
 */
public final class DirectoryFileStore implements FileStore {
  private final Path root;

  /** @throws UncheckedIOException when the directory cannot be created */
  public DirectoryFileStore(Path root) {
    this.root = requireNonNull(root, "root");
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the file store directory " + root, e);
    }
  }

  @Override
  public OutputStream create(JobId job, String name) throws IOException {
    Path target = file(job, name);
    if (!Files.isDirectory(target.getParent())) {
      Files.createDirectories(target.getParent());
    }
    Path temporary = Files.createTempFile(target.getParent(), "." + name, ".tmp");
    return new FilterOutputStream(Files.newOutputStream(temporary)) {
      private boolean closed;

      @Override
      public void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
      }

      @Override
      public void close() throws IOException {
        if (closed) {
          return;
        }
        closed = true;
        super.close();
        try {
          Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    };
  }

  @Override
  public Optional<ByteSource> open(JobId job, String name) {
    Path file = file(job, name);
    return Files.isRegularFile(file) ? Optional.of(MoreFiles.asByteSource(file)) : Optional.empty();
  }

  @Override
  public void delete(JobId job, String name) {
    try {
      Files.deleteIfExists(file(job, name));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete file " + name + " of job " + job, e);
    }
  }

  @Override
  public void deleteAll(JobId job) {
    Path folder = root.resolve(job.value());
    try {
      // why: a worker may still be writing a part while its job is dropped; try again if its file came in between.
      for (int attempt = 0; attempt < 3; attempt++) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
          for (Path file : files) {
            Files.deleteIfExists(file);
          }
        } catch (NoSuchFileException e) {
          return;
        }
        try {
          Files.deleteIfExists(folder);
          return;
        } catch (DirectoryNotEmptyException e) {
          // why: see above
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the files of job " + job, e);
    }
  }

  // why: names are the engine's own (plan, records, part-N), never a client's; the check keeps it that way.
  private Path file(JobId job, String name) {
    requireNonNull(job, "job");
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
      throw new IllegalArgumentException("not a file name of this store: " + name);
    }
    return root.resolve(job.value()).resolve(name);
  }
}
