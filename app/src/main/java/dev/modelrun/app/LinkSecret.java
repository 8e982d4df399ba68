package dev.modelrun.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The secret that signs result links: {@code MODELRUN_LINK_SECRET} when set (at least 32 characters), else the one
 * kept in {@code <data dir>/link-secret}, made (32 random bytes, readable by the owner only) the first time. A kept
 * secret makes links outlive a restart and work on every node that shares the data directory.
 */
final class LinkSecret {
  static final String FILE_NAME = "link-secret";
  private static final int BYTES = 32;

  private LinkSecret() {}

  /** @throws ConfigException when the configured secret is too short or the kept one is malformed */
  static byte[] resolve(String configured, Path dataDir) {
    if (configured != null && !configured.isBlank()) {
      byte[] secret = configured.strip().getBytes(StandardCharsets.UTF_8);
      if (secret.length < BYTES) {
        throw new ConfigException("MODELRUN_LINK_SECRET must be at least " + BYTES + " characters long");
      }
      return secret;
    }
    Path file = dataDir.resolve(FILE_NAME);
    try {
      if (!Files.exists(file)) {
        create(file);
      }
      String kept = Files.readString(file, StandardCharsets.US_ASCII).strip();
      try {
        byte[] secret = HexFormat.of().parseHex(kept);
        if (secret.length >= BYTES) {
          return secret;
        }
      } catch (IllegalArgumentException e) {
        // reported below
      }
      throw new ConfigException(file + " must hold at least " + BYTES + " bytes in hex; delete it to make a new one "
          + "(links given out before then stop working)");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or make the link secret " + file, e);
    }
  }

  private static void create(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    byte[] secret = new byte[BYTES];
    new SecureRandom().nextBytes(secret);
    Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), "." + FILE_NAME, ".tmp");
    try {
      if (Files.getFileStore(temporary).supportsFileAttributeView("posix")) {
        Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
      }
      Files.writeString(temporary, HexFormat.of().formatHex(secret) + "\n", StandardCharsets.US_ASCII);
      // why: no REPLACE_EXISTING: when two nodes start at once, the first secret wins and both read it.
      Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException e) {
      // why: another node made it first
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}
