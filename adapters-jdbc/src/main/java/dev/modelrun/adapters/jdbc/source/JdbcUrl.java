package dev.modelrun.adapters.jdbc.source;

import static java.util.Objects.requireNonNull;

import dev.modelrun.core.model.InvalidInputException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A client's JDBC URL once checked: it starts with an allowed prefix, has the plain shape
 * {@code <scheme>[<mode>:]//host[:port][,host[:port]...][/database][?option=value&...]} (PostgreSQL also takes
 * {@code jdbc:postgresql:database}), and sets only the options its database allows, to allowed values. Anything
 * else (another scheme, H2 and its {@code INIT}, file URLs, {@code ;} options, credentials or socket factories in
 * the URL) is refused with a message that says why.
 */
record JdbcUrl(DatabaseKind kind, String url) {
  private static final Pattern HOST = Pattern.compile(
      "(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]+\\])(?::[0-9]{1,5})?");
  private static final Pattern DATABASE = Pattern.compile("[A-Za-z0-9_.$%-]*");
  private static final Pattern OPTION_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]*");
  private static final Pattern FREE_TEXT = Pattern.compile("[A-Za-z0-9 _.,+-]{0,128}");
  private static final Set<String> MARIADB_MODES = Set.of("replication:", "loadbalance:", "sequential:");
  private static final Set<String> CREDENTIAL_OPTIONS = Set.of("user", "password");

  JdbcUrl {
    requireNonNull(kind, "kind");
    requireNonNull(url, "url");
  }

  /**
   * Checks {@code url} against {@code policy} and the rules of its database.
   *
   * @throws InvalidInputException naming {@code input.url} and what is wrong with it
   */
  static JdbcUrl parse(String url, JdbcSourcePolicy policy) {
    requireNonNull(url, "url");
    String allowed = String.join(", ", policy.allowedPrefixes());
    if (policy.allowedPrefixes().stream().noneMatch(url::startsWith)) {
      throw new InvalidInputException("input.url must start with one of the allowed prefixes (" + allowed
          + ", set by " + JdbcSourcePolicy.ALLOWED_ENV + ")");
    }
    // why: the policy admits only prefixes of known schemes, so a URL that passed it has one.
    DatabaseKind kind = DatabaseKind.ofUrl(url).orElseThrow();
    for (int i = 0; i < url.length(); i++) {
      char c = url.charAt(i);
      if (c <= ' ' || c == 0x7f || c == ';' || c == '#' || c == '@' || c == '\\') {
        throw new InvalidInputException("input.url must not contain " + describe(c) + " (at character " + (i + 1)
            + "): give a plain " + kind.scheme + "//host:port/database URL");
      }
    }
    String rest = url.substring(kind.scheme.length());
    int question = rest.indexOf('?');
    String location = question < 0 ? rest : rest.substring(0, question);
    checkLocation(kind, location);
    if (question >= 0) {
      checkOptions(kind, rest.substring(question + 1));
    }
    return new JdbcUrl(kind, url);
  }

  /** The URL handed to the driver. */
  String driverUrl() {
    return kind.driverUrl(url);
  }

  private static void checkLocation(DatabaseKind kind, String location) {
    String hostsAndDatabase = location;
    if (kind != DatabaseKind.POSTGRESQL) {
      for (String mode : MARIADB_MODES) {
        if (hostsAndDatabase.startsWith(mode)) {
          hostsAndDatabase = hostsAndDatabase.substring(mode.length());
          break;
        }
      }
    }
    if (!hostsAndDatabase.startsWith("//")) {
      if (kind == DatabaseKind.POSTGRESQL && DATABASE.matcher(hostsAndDatabase).matches()) {
        return;
      }
      throw new InvalidInputException("input.url must have the form " + kind.scheme
          + "//host[:port]/database[?option=value&...]");
    }
    String hostsPart = hostsAndDatabase.substring(2);
    int slash = hostsPart.indexOf('/');
    String hosts = slash < 0 ? hostsPart : hostsPart.substring(0, slash);
    String database = slash < 0 ? "" : hostsPart.substring(slash + 1);
    if (hosts.isEmpty()) {
      throw new InvalidInputException("input.url names no host: give " + kind.scheme + "//host[:port]/database");
    }
    for (String host : hosts.split(",", -1)) {
      if (!HOST.matcher(host).matches()) {
        throw new InvalidInputException("input.url has host '" + host + "', which is not a host name, an IP "
            + "address or [IPv6 address], with an optional :port");
      }
    }
    if (!DATABASE.matcher(database).matches()) {
      throw new InvalidInputException("input.url has database '" + database + "', which may hold only letters, "
          + "digits and _ . $ % -");
    }
  }

  private static void checkOptions(DatabaseKind kind, String query) {
    List<String> allowedNames = kind.urlOptions.keySet().stream().sorted().toList();
    for (String option : query.split("&", -1)) {
      if (option.isEmpty()) {
        continue;
      }
      int equals = option.indexOf('=');
      String name = equals < 0 ? option : option.substring(0, equals);
      String value = equals < 0 ? "" : option.substring(equals + 1);
      if (!OPTION_NAME.matcher(name).matches()) {
        throw new InvalidInputException("input.url has an option named '" + name + "', which is not a plain name");
      }
      String key = name.toLowerCase(Locale.ROOT);
      if (CREDENTIAL_OPTIONS.contains(key)) {
        throw new InvalidInputException("input.url must not carry the " + key + ": give it in input.username and "
            + "input.password");
      }
      Set<String> values = kind.urlOptions.get(key);
      if (values == null) {
        throw new InvalidInputException("input.url option '" + name + "' is not allowed: options that load "
            + "classes, read files or change the connection's limits are refused (allowed options: "
            + allowedNames + ")");
      }
      boolean ok = values.isEmpty() ? FREE_TEXT.matcher(value).matches()
          : values.contains(value.toLowerCase(Locale.ROOT));
      if (!ok) {
        throw new InvalidInputException("input.url option '" + name + "' has value '" + value + "', which is not "
            + "allowed" + (values.isEmpty() ? " (plain text only)" : " (allowed: " + values.stream().sorted()
            .toList() + ")"));
      }
    }
  }

  private static String describe(char c) {
    return switch (c) {
      case ';' -> "';' (options after ';' are not JDBC URL options of these databases)";
      case '@' -> "'@' (credentials go in input.username and input.password)";
      case '#', '\\' -> "'" + c + "'";
      default -> "spaces or control characters";
    };
  }
}
