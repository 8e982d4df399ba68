package dev.modelrun.adapters.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The disk an upload may take: what the upload directory has free beyond a reserve kept for the jobs' own files.
 * An upload whose declared size does not fit is refused before a byte of it is read; one that runs the disk out
 * while it is stored (no declared size) is refused then. Either way the client may retry once space is freed.
 */
final class DiskBudget {
  // why: files of running jobs are deleted as they end; a minute lets some end.
  static final int RETRY_AFTER_SECONDS = 60;

  private final Path dir;
  private final long reserveBytes;

  DiskBudget(Path dir, long reserveBytes) {
    this.dir = dir;
    this.reserveBytes = reserveBytes;
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the upload directory " + dir, e);
    }
  }

  /** @throws HttpProblem 503 when {@code declaredBytes} (or -1 when unknown) does not fit now */
  void admit(long declaredBytes) {
    long room = room();
    if (room <= 0 || declaredBytes > room) {
      throw full(declaredBytes < 0 ? "an upload" : "an upload of " + declaredBytes + " bytes", room);
    }
  }

  /** A temporary file for an upload, in the upload directory. */
  Path newFile() {
    try {
      return Files.createTempFile(dir, "modelrun-upload-", ".part");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a file for the upload in " + dir, e);
    }
  }

  /** What a failure to write an upload means: a 503 when the disk ran out, else the failure itself. */
  RuntimeException storingFailed(IOException e) {
    long room = room();
    return room <= 0 ? full("the rest of this upload", room) : new UncheckedIOException("cannot store the upload", e);
  }

  private long room() {
    try {
      return Files.getFileStore(dir).getUsableSpace() - reserveBytes;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the free space of " + dir, e);
    }
  }

  private HttpProblem full(String what, long room) {
    return HttpProblem.unavailable("not enough disk space for " + what + ": the server has " + Math.max(0, room)
        + " bytes free for uploads now; retry later", RETRY_AFTER_SECONDS);
  }
}
