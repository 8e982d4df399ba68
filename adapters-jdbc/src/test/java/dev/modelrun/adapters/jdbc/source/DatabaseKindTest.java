package dev.modelrun.adapters.jdbc.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class DatabaseKindTest {
  private static final JdbcSourcePolicy POLICY = new JdbcSourcePolicy(JdbcSourcePolicy.DEFAULT_ALLOWED, 10,
      Duration.ofSeconds(5), Duration.ofSeconds(30), 250);

  @Test
  void makes_postgresql_connections_read_only_bounded_and_without_kerberos() {
    Properties props = new Properties();

    DatabaseKind.POSTGRESQL.harden(props, POLICY);

    assertThat(props)
        .containsEntry("loginTimeout", "5")
        .containsEntry("connectTimeout", "5")
        .containsEntry("socketTimeout", "40")
        .containsEntry("readOnly", "true")
        .containsEntry("readOnlyMode", "always")
        .doesNotContainKey("options")
        .containsEntry("defaultRowFetchSize", "250")
        .containsEntry("gssEncMode", "disable")
        .containsEntry("jaasLogin", "false")
        .containsEntry("requireAuth", "password,md5,scram-sha-256,none");
  }

  @Test
  void keeps_mariadb_and_mysql_connections_from_local_files_several_statements_and_redirects() {
    for (DatabaseKind kind : List.of(DatabaseKind.MARIADB, DatabaseKind.MYSQL)) {
      Properties props = new Properties();

      kind.harden(props, POLICY);

      assertThat(props).as(kind.name())
          .containsEntry("connectTimeout", "5000")
          .containsEntry("socketTimeout", "40000")
          .containsEntry("allowLocalInfile", "false")
          .containsEntry("allowMultiQueries", "false")
          .containsEntry("permitRedirect", "false")
          .containsEntry("readOnlyPropagatesToServer", "true")
          .containsEntry("restrictedAuth", "mysql_native_password,client_ed25519,caching_sha2_password")
          .containsEntry("defaultFetchSize", "250");
    }
  }

  @Test
  void instantiates_the_known_driver_of_each_scheme_itself() {
    assertThat(DatabaseKind.POSTGRESQL.newDriver()).isInstanceOf(org.postgresql.Driver.class);
    assertThat(DatabaseKind.MARIADB.newDriver()).isInstanceOf(org.mariadb.jdbc.Driver.class);
    assertThat(DatabaseKind.MYSQL.newDriver()).isInstanceOf(org.mariadb.jdbc.Driver.class);
  }
}
