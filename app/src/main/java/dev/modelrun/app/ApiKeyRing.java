package dev.modelrun.app;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.modelrun.core.model.CallerIdentity;
import dev.modelrun.core.port.in.AuthenticateUseCase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API keys the server accepts. A key is {@code <prefix>.<secret>}; only the prefix, a random salt and the
 * SHA-256 of salt and secret are kept (in memory and in the keys file), and a presented secret is compared in
 * constant time. Keys come from {@code MODELRUN_API_KEYS} and from the keys file that {@code keys create} appends to;
 * a key created while the server runs is picked up at its first use (the file is re-read, at most once a second, when
 * an unknown prefix is presented and the file has changed).
 */
public final class ApiKeyRing implements AuthenticateUseCase {
  private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@+-]{1,128}");
  private static final String FILE_HEADER =
      "# ModelRun API keys: prefix, salt, SHA-256(salt + secret), account, team, user. Secrets are not stored.";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final byte[] DUMMY_SALT = new byte[16];

  private record StoredKey(byte[] salt, byte[] hash, CallerIdentity identity) {}

  private static final Logger LOG = LoggerFactory.getLogger(ApiKeyRing.class);
  private static final long RELOAD_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final Map<String, StoredKey> keys = new ConcurrentHashMap<>();
  private final Path keysFile;
  private final Object reloadGuard = new Object();
  private FileTime keysFileSeen;
  private long nextReloadNanos = System.nanoTime();

  private ApiKeyRing(Path keysFile) {
    this.keysFile = keysFile;
  }

  /**
   * Loads the keys of {@code MODELRUN_API_KEYS} and of the keys file (when it exists).
   *
   * @throws ConfigException naming the variable or the file line that is malformed
   */
  public static ApiKeyRing load(String environmentKeys, Path keysFile) {
    ApiKeyRing ring = new ApiKeyRing(keysFile);
    if (!environmentKeys.isBlank()) {
      String[] entries = environmentKeys.split(",");
      for (int i = 0; i < entries.length; i++) {
        ring.addFromEnvironment(entries[i].strip(), i + 1);
      }
    }
    if (Files.exists(keysFile)) {
      ring.keysFileSeen = modified(keysFile);
      ring.addFromFile(keysFile, false);
    }
    return ring;
  }

  public boolean isEmpty() {
    return keys.isEmpty();
  }

  public int size() {
    return keys.size();
  }

  /**
   * Makes a new key for {@code account/team/user}, appends its hash to {@code keysFile} and accepts it from now on.
   *
   * @return the key, {@code <prefix>.<secret>}: the only time the secret is ever seen
   * @throws ConfigException when a name is not 1 to 128 letters, digits or {@code . _ @ + -}
   */
  public String create(Path keysFile, String account, String team, String user) {
    CallerIdentity check = identity(account, team, user, "new", "keys create");
    byte[] prefixBytes = new byte[6];
    RANDOM.nextBytes(prefixBytes);
    String prefix = HexFormat.of().formatHex(prefixBytes);
    byte[] secretBytes = new byte[32];
    RANDOM.nextBytes(secretBytes);
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
    byte[] salt = salt();
    byte[] hash = hash(salt, secret);
    CallerIdentity identity = new CallerIdentity(check.account(), check.team(), check.user(), prefix);
    appendToFile(keysFile, String.join("\t", prefix, HexFormat.of().formatHex(salt), HexFormat.of().formatHex(hash),
        account, team, user));
    keys.put(prefix, new StoredKey(salt, hash, identity));
    return prefix + "." + secret;
  }

  @Override
  public Optional<CallerIdentity> authenticate(String apiKey) {
    if (apiKey == null) {
      return Optional.empty();
    }
    int dot = apiKey.indexOf('.');
    String prefix = dot < 0 ? apiKey : apiKey.substring(0, dot);
    String secret = dot < 0 ? "" : apiKey.substring(dot + 1);
    StoredKey stored = keys.get(prefix);
    if (stored == null) {
      stored = createdSinceLoad(prefix);
    }
    // why: hash even for an unknown prefix, so the answer takes as long either way.
    byte[] presented = hash(stored == null ? DUMMY_SALT : stored.salt(), secret);
    if (stored == null || dot < 0 || !MessageDigest.isEqual(presented, stored.hash())) {
      return Optional.empty();
    }
    return Optional.of(stored.identity());
  }

  private void addFromEnvironment(String entry, int position) {
    String where = "MODELRUN_API_KEYS entry " + position;
    int eq = entry.indexOf('=');
    int dot = entry.indexOf('.');
    if (eq < 0 || dot < 0 || dot > eq) {
      throw new ConfigException(where + " must look like <prefix>.<secret>=<account>/<team>/<user>");
    }
    String prefix = entry.substring(0, dot);
    String secret = entry.substring(dot + 1, eq);
    String[] owner = entry.substring(eq + 1).split("/", -1);
    if (!PREFIX.matcher(prefix).matches() || secret.isEmpty() || owner.length != 3) {
      throw new ConfigException(where + " must look like <prefix>.<secret>=<account>/<team>/<user>, with a prefix"
          + " of 1 to 64 letters, digits, _ or -");
    }
    CallerIdentity identity = identity(owner[0], owner[1], owner[2], prefix, where);
    byte[] salt = salt();
    put(prefix, new StoredKey(salt, hash(salt, secret), identity), where);
  }

  // why: `keys create` appends to the file while the server runs; its key should work without a restart.
  private StoredKey createdSinceLoad(String prefix) {
    synchronized (reloadGuard) {
      long now = System.nanoTime();
      if (now - nextReloadNanos < 0 || !Files.exists(keysFile)) {
        return null;
      }
      nextReloadNanos = now + RELOAD_INTERVAL_NANOS;
      FileTime modified = modified(keysFile);
      if (modified == null || modified.equals(keysFileSeen)) {
        return null;
      }
      try {
        addFromFile(keysFile, true);
        keysFileSeen = modified;
      } catch (ConfigException e) {
        LOG.warn("the keys file changed but cannot be read; new keys in it are not accepted: {}", e.getMessage());
      }
      return keys.get(prefix);
    }
  }

  private static FileTime modified(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      return null;
    }
  }

  private void addFromFile(Path keysFile, boolean onlyNew) {
    List<String> lines;
    try {
      lines = Files.readAllLines(keysFile, UTF_8);
    } catch (IOException e) {
      throw new ConfigException("cannot read the keys file " + keysFile + ": " + e.getMessage());
    }
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = "keys file " + keysFile + " line " + (i + 1);
      String[] cells = line.split("\t", -1);
      if (cells.length != 6 || !PREFIX.matcher(cells[0]).matches()) {
        throw new ConfigException(where + " must hold prefix, salt, hash, account, team and user separated by tabs");
      }
      try {
        byte[] salt = HexFormat.of().parseHex(cells[1]);
        byte[] hash = HexFormat.of().parseHex(cells[2]);
        StoredKey key = new StoredKey(salt, hash, identity(cells[3], cells[4], cells[5], cells[0], where));
        if (onlyNew) {
          keys.putIfAbsent(cells[0], key);
        } else {
          put(cells[0], key, where);
        }
      } catch (IllegalArgumentException e) {
        throw new ConfigException(where + " has a salt or hash that is not hexadecimal");
      }
    }
  }

  private void put(String prefix, StoredKey key, String where) {
    if (keys.putIfAbsent(prefix, key) != null) {
      throw new ConfigException(where + " repeats the key prefix '" + prefix + "'");
    }
  }

  private static CallerIdentity identity(String account, String team, String user, String prefix, String where) {
    for (String[] part : new String[][] {{"account", account}, {"team", team}, {"user", user}}) {
      if (!NAME.matcher(part[1]).matches()) {
        throw new ConfigException(where + ": the " + part[0] + " must be 1 to 128 letters, digits or . _ @ + -"
            + " but was '" + part[1] + "'");
      }
    }
    return new CallerIdentity(account, team, user, prefix);
  }

  private static void appendToFile(Path keysFile, String line) {
    try {
      Path parent = keysFile.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      boolean fresh = !Files.exists(keysFile);
      String text = (fresh ? FILE_HEADER + "\n" : "") + line + "\n";
      Files.writeString(keysFile, text, UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the keys file " + keysFile, e);
    }
  }

  private static byte[] salt() {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    return salt;
  }

  private static byte[] hash(byte[] salt, String secret) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(salt);
      return digest.digest(secret.getBytes(UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
