package dev.modelrun.adapters.jdbc.source;

import java.sql.Driver;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The databases a {@code jdbc} input may read, each with its URL scheme, the driver class names a client may give
 * for it, the driver this source instantiates itself (never loaded by a client-given name), the URL options a client
 * may set and the connection properties that keep a connection read-only, bounded in time and unable to run code
 * or read files of this server.
 */
enum DatabaseKind {
  POSTGRESQL("jdbc:postgresql:", Set.of("org.postgresql.Driver"), org.postgresql.Driver::new, Dialect.POSTGRESQL,
      Map.of(
          "applicationname", Set.of(),
          "sslmode", Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full"),
          "ssl", Set.of("true", "false"),
          "channelbinding", Set.of("disable", "prefer", "require"),
          "currentschema", Set.of(),
          "tcpkeepalive", Set.of("true", "false"),
          "targetservertype", Set.of("any", "primary", "master", "secondary", "slave", "prefersecondary",
              "preferslave", "preferprimary"),
          "loadbalancehosts", Set.of("true", "false"),
          "binarytransfer", Set.of("true", "false"))) {
    @Override
    void harden(Properties props, JdbcSourcePolicy policy) {
      long querySeconds = policy.queryTimeout().toSeconds();
      props.setProperty("loginTimeout", Long.toString(policy.loginTimeout().toSeconds()));
      props.setProperty("connectTimeout", Long.toString(policy.loginTimeout().toSeconds()));
      // why: a stalled socket ends a little after the query timeout, whose cancel should come first.
      props.setProperty("socketTimeout", Long.toString(querySeconds + SOCKET_MARGIN_SECONDS));
      props.setProperty("readOnly", "true");
      // why: BEGIN READ ONLY on every transaction. No "options" startup parameter (a server-side
      // statement_timeout): PgBouncer refuses it; the query timeout's cancel and the socket timeout bound the query.
      props.setProperty("readOnlyMode", "always");
      props.setProperty("defaultRowFetchSize", Integer.toString(policy.fetchSize()));
      // why: no Kerberos (the server's own tickets would be offered to a client-chosen database).
      props.setProperty("gssEncMode", "disable");
      props.setProperty("jaasLogin", "false");
      props.setProperty("gssUseDefaultCreds", "false");
      props.setProperty("requireAuth", "password,md5,scram-sha-256,none");
      props.setProperty("ApplicationName", "ModelRun jdbc input");
    }
  },

  MARIADB("jdbc:mariadb:", Set.of("org.mariadb.jdbc.Driver"), org.mariadb.jdbc.Driver::new, Dialect.MYSQL,
      MariaDbOptions.ALLOWED) {
    @Override
    void harden(Properties props, JdbcSourcePolicy policy) {
      MariaDbOptions.harden(props, policy);
    }
  },

  /**
   * MySQL URLs are served by the MariaDB driver (its URL rewritten to {@code jdbc:mariadb:}), which speaks the MySQL
   * protocol: MySQL's own driver is GPL-licensed and brings its own set of dangerous options.
   */
  MYSQL("jdbc:mysql:", Set.of("com.mysql.cj.jdbc.Driver", "com.mysql.jdbc.Driver", "org.mariadb.jdbc.Driver"),
      org.mariadb.jdbc.Driver::new, Dialect.MYSQL, MariaDbOptions.ALLOWED) {
    @Override
    void harden(Properties props, JdbcSourcePolicy policy) {
      MariaDbOptions.harden(props, policy);
    }

    @Override
    String driverUrl(String url) {
      return MARIADB.scheme + url.substring(scheme.length());
    }
  };

  /** How much longer than the query timeout a read on the socket may block. */
  static final long SOCKET_MARGIN_SECONDS = 10;

  final String scheme;
  final Set<String> driverNames;
  private final Supplier<Driver> driver;
  final Dialect dialect;
  /** URL option names (lower case) a client may set, each to the values given (any plain text when empty). */
  final Map<String, Set<String>> urlOptions;

  DatabaseKind(String scheme, Set<String> driverNames, Supplier<Driver> driver, Dialect dialect,
      Map<String, Set<String>> urlOptions) {
    this.scheme = scheme;
    this.driverNames = driverNames;
    this.driver = driver;
    this.dialect = dialect;
    this.urlOptions = urlOptions;
  }

  /** Sets the connection properties that bound and lock down a connection, after the client's credentials. */
  abstract void harden(Properties props, JdbcSourcePolicy policy);

  /** The URL handed to the driver. */
  String driverUrl(String url) {
    return url;
  }

  /** A new instance of the known driver class, made here: no class is ever loaded by a name from a request. */
  Driver newDriver() {
    return driver.get();
  }

  /** The kind whose scheme starts {@code url} (case-sensitive, as the drivers read it). */
  static Optional<DatabaseKind> ofUrl(String url) {
    return Arrays.stream(values()).filter(kind -> url.startsWith(kind.scheme)).findFirst();
  }

  /** The driver class name to give for this kind, for messages. */
  String preferredDriver() {
    return this == MYSQL ? "com.mysql.cj.jdbc.Driver (served by org.mariadb.jdbc.Driver)"
        : driverNames.iterator().next();
  }

  boolean acceptsDriver(String name) {
    return driverNames.contains(name.strip());
  }


  /** How the query text is split into literals, identifiers and comments. */
  enum Dialect {
    POSTGRESQL, MYSQL
  }

  /** What MariaDB and MySQL URLs may set, and what this source sets for them. */
  private static final class MariaDbOptions {
    static final Map<String, Set<String>> ALLOWED = Map.of(
        "sslmode", Set.of("disable", "trust", "verify-ca", "verify-full"),
        "tcpkeepalive", Set.of("true", "false"),
        "usecompression", Set.of("true", "false"));

    private MariaDbOptions() {}

    static void harden(Properties props, JdbcSourcePolicy policy) {
      props.setProperty("connectTimeout", Long.toString(policy.loginTimeout().toMillis()));
      props.setProperty("socketTimeout",
          Long.toString(policy.queryTimeout().plusSeconds(SOCKET_MARGIN_SECONDS).toMillis()));
      // why: LOAD DATA LOCAL INFILE would send this server's files; several statements would escape the checks.
      props.setProperty("allowLocalInfile", "false");
      props.setProperty("allowMultiQueries", "false");
      // why: a database could redirect the connection to a host the allow-list never saw.
      props.setProperty("permitRedirect", "false");
      props.setProperty("readOnlyPropagatesToServer", "true");
      props.setProperty("permitNoResults", "false");
      props.setProperty("allowPublicKeyRetrieval", "false");
      // why: no GSSAPI or PAM dialogs (the server's own credentials), only password plugins.
      props.setProperty("restrictedAuth", "mysql_native_password,client_ed25519,caching_sha2_password");
      props.setProperty("defaultFetchSize", Integer.toString(policy.fetchSize()));
    }
  }
}
