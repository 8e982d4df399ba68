package dev.modelrun.adapters.jdbc;

import java.util.Locale;

/** The databases the store runs on, and the little SQL that differs between them. */
enum Dialect {
  H2("h2"),
  POSTGRESQL("postgresql");

  private final String folder;

  Dialect(String folder) {
    this.folder = folder;
  }

  /** The dialect of a JDBC URL. */
  static Dialect of(String jdbcUrl) {
    String url = jdbcUrl.toLowerCase(Locale.ROOT);
    if (url.startsWith("jdbc:h2:")) {
      return H2;
    }
    if (url.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    throw new IllegalArgumentException("unsupported database URL (H2 or PostgreSQL only): " + jdbcUrl);
  }

  /** The class-path folder of this dialect's migrations. */
  String migrationFolder() {
    return "dev/modelrun/adapters/jdbc/migration/" + folder;
  }

  /** The expression of the next claim turn. */
  String nextClaimTurn() {
    return this == H2 ? "NEXT VALUE FOR mr_claim_turn" : "nextval('mr_claim_turn')";
  }

  /** A string comparison in the order of Java's {@code String.compareTo} (code units, not the locale's). */
  String binaryOrder(String column) {
    return this == H2 ? column : column + " COLLATE \"C\"";
  }
}
