package dev.modelrun.adapters.jdbc.source;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What the server lets a {@code jdbc} input do: the URL prefixes it may connect to, the most rows it may read, how
 * long a login and the query may take, and how many rows are fetched per round trip.
 *
 * <p>Every prefix must start with a scheme this source has a driver for ({@code jdbc:postgresql:},
 * {@code jdbc:mariadb:}, {@code jdbc:mysql:}); a longer prefix narrows it to hosts, e.g.
 * {@code jdbc:postgresql://reports.internal:5432/}.
 *
 * @param allowedPrefixes URL prefixes, at least one
 * @param maxRows the most rows one query may give; more is a 400
 * @param loginTimeout the longest a connection and login may take (whole seconds, at least 1)
 * @param queryTimeout the longest the query and the reading of its rows may take (whole seconds, at least 1)
 * @param fetchSize rows per round trip while streaming the result
 */
public record JdbcSourcePolicy(List<String> allowedPrefixes, int maxRows, Duration loginTimeout,
    Duration queryTimeout, int fetchSize) {
  /** Comma-separated URL prefixes. */
  public static final String ALLOWED_ENV = "MODELRUN_JDBC_SOURCE_ALLOWED";
  public static final String MAX_ROWS_ENV = "MODELRUN_JDBC_SOURCE_MAX_ROWS";
  public static final String LOGIN_TIMEOUT_ENV = "MODELRUN_JDBC_SOURCE_LOGIN_TIMEOUT_SECONDS";
  public static final String QUERY_TIMEOUT_ENV = "MODELRUN_JDBC_SOURCE_QUERY_TIMEOUT_SECONDS";
  public static final String FETCH_SIZE_ENV = "MODELRUN_JDBC_SOURCE_FETCH_SIZE";

  public static final List<String> DEFAULT_ALLOWED = List.of("jdbc:postgresql:", "jdbc:mariadb:", "jdbc:mysql:");
  public static final int DEFAULT_MAX_ROWS = 1_000_000;
  public static final Duration DEFAULT_LOGIN_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(120);
  public static final int DEFAULT_FETCH_SIZE = 1_000;

  public JdbcSourcePolicy {
    requireNonNull(loginTimeout, "loginTimeout");
    requireNonNull(queryTimeout, "queryTimeout");
    allowedPrefixes = List.copyOf(allowedPrefixes);
    checkArgument(!allowedPrefixes.isEmpty(), "at least one allowed JDBC URL prefix is needed");
    for (String prefix : allowedPrefixes) {
      checkArgument(DatabaseKind.ofUrl(prefix).isPresent(),
          "allowed JDBC URL prefix '%s' must start with one of %s", prefix, DEFAULT_ALLOWED);
    }
    checkArgument(maxRows > 0, "maxRows must be > 0 but was %s", maxRows);
    checkArgument(wholeSeconds(loginTimeout), "loginTimeout must be whole seconds, at least 1, but was %s",
        loginTimeout);
    checkArgument(wholeSeconds(queryTimeout), "queryTimeout must be whole seconds, at least 1, but was %s",
        queryTimeout);
    checkArgument(fetchSize > 0, "fetchSize must be > 0 but was %s", fetchSize);
  }

  /** PostgreSQL, MariaDB and MySQL on any host, 1,000,000 rows, 10 s to log in, 120 s to query, 1,000 per fetch. */
  public static JdbcSourcePolicy defaults() {
    return new JdbcSourcePolicy(DEFAULT_ALLOWED, DEFAULT_MAX_ROWS, DEFAULT_LOGIN_TIMEOUT, DEFAULT_QUERY_TIMEOUT,
        DEFAULT_FETCH_SIZE);
  }

  /**
   * Reads the policy from environment variables ({@code System.getenv()}); a missing or blank variable takes its
   * default.
   *
   * @throws IllegalArgumentException naming the variable whose value is not valid
   */
  public static JdbcSourcePolicy fromEnvironment(Map<String, String> env) {
    String allowed = env.getOrDefault(ALLOWED_ENV, "");
    List<String> prefixes = allowed.isBlank() ? DEFAULT_ALLOWED
        : Arrays.stream(allowed.split(",")).map(String::strip).filter(p -> !p.isEmpty()).toList();
    int maxRows = positive(env, MAX_ROWS_ENV, DEFAULT_MAX_ROWS);
    int login = positive(env, LOGIN_TIMEOUT_ENV, (int) DEFAULT_LOGIN_TIMEOUT.toSeconds());
    int query = positive(env, QUERY_TIMEOUT_ENV, (int) DEFAULT_QUERY_TIMEOUT.toSeconds());
    int fetchSize = positive(env, FETCH_SIZE_ENV, DEFAULT_FETCH_SIZE);
    try {
      return new JdbcSourcePolicy(prefixes, maxRows, Duration.ofSeconds(login), Duration.ofSeconds(query),
          fetchSize);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(ALLOWED_ENV + ": " + e.getMessage(), e);
    }
  }

  public JdbcSourcePolicy withMaxRows(int rows) {
    return new JdbcSourcePolicy(allowedPrefixes, rows, loginTimeout, queryTimeout, fetchSize);
  }

  public JdbcSourcePolicy withAllowedPrefixes(List<String> prefixes) {
    return new JdbcSourcePolicy(prefixes, maxRows, loginTimeout, queryTimeout, fetchSize);
  }

  public JdbcSourcePolicy withQueryTimeout(Duration timeout) {
    return new JdbcSourcePolicy(allowedPrefixes, maxRows, loginTimeout, timeout, fetchSize);
  }

  public JdbcSourcePolicy withLoginTimeout(Duration timeout) {
    return new JdbcSourcePolicy(allowedPrefixes, maxRows, timeout, queryTimeout, fetchSize);
  }

  private static int positive(Map<String, String> env, String name, int fallback) {
    String value = env.getOrDefault(name, "").strip().replace("_", "");
    if (value.isEmpty()) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value);
      if (parsed > 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // why: falls through to the message that names the variable.
    }
    throw new IllegalArgumentException(name + " must be a whole number > 0 but was '" + env.get(name) + "'");
  }

  private static boolean wholeSeconds(Duration duration) {
    return duration.toSeconds() >= 1 && duration.toSeconds() <= Integer.MAX_VALUE
        && duration.equals(Duration.ofSeconds(duration.toSeconds()));
  }
}
