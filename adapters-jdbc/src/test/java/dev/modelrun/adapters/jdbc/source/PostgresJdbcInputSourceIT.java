package dev.modelrun.adapters.jdbc.source;

import dev.modelrun.core.model.JdbcInput;
import dev.modelrun.core.model.Secret;

/**
 * The jdbc input source against the PostgreSQL of this machine (127.0.0.1:5432, database {@code test}). Its
 * {@code pg_hba.conf} trusts every local login, so a refused login is a role that does not exist, and any password
 * is accepted.
 */
class PostgresJdbcInputSourceIT extends JdbcInputSourceContract {
  @Override
  TestDatabase database() {
    return TestDatabase.POSTGRESQL;
  }

  @Override
  String quote(String label) {
    return "\"" + label + "\"";
  }

  @Override
  String binaryType() {
    return "bytea";
  }

  @Override
  String hex(String hexDigits) {
    return "decode('" + hexDigits + "', 'hex')";
  }

  @Override
  String sleepQuery(int seconds) {
    return "select 'late' as \"input.txt\" from pg_sleep(" + seconds + ")";
  }

  @Override
  void insertGenerated(String table, int count) {
    database().execute("insert into " + table + " (id, body, other) select g, 'text-' || g, 'o' "
        + "from generate_series(1, " + count + ") g");
  }

  @Override
  JdbcInput wrongCredentials(String query) {
    return new JdbcInput(database().url, TestDatabase.uniqueName("nobody"), Secret.of("wrong-password"),
        database().driver, query);
  }

  @Override
  JdbcInput withPassword(String password, String query) {
    return input(query, password);
  }
}
