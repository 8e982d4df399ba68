package dev.modelrun.adapters.jdbc.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelrun.core.model.InvalidInputException;
import dev.modelrun.core.model.Secret;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import org.junit.jupiter.api.Test;

class DatabaseErrorsTest {
  private final DatabaseErrors errors = new DatabaseErrors(Secret.of("s3cr3t!"), 120);

  @Test
  void masks_the_password_in_the_message_and_in_the_kept_cause() {
    SQLException e = new SQLException("FATAL: password s3cr3t! is wrong; s3cr3t!", "28P01");
    e.initCause(new IllegalStateException("s3cr3t! in a deeper cause"));

    InvalidInputException refused = errors.connecting(e);

    assertThat(refused).hasMessage("input.username and input.password: the database refused the login: FATAL: "
        + "password **** is wrong; ****");
    assertThat(refused.getCause()).isInstanceOf(SQLException.class).hasNoCause()
        .hasMessageNotContaining("s3cr3t!");
    assertThat(((SQLException) refused.getCause()).getSQLState()).isEqualTo("28P01");
  }

  @Test
  void tells_a_connection_failure_from_a_refused_login() {
    assertThat(errors.connecting(new SQLException("Connection refused", "08001")))
        .hasMessage("input.url: could not connect to the database: Connection refused");
  }

  @Test
  void tells_a_timeout_from_a_failed_query() {
    assertThat(errors.querying(new SQLException("canceling statement due to user request", "57014"), 0))
        .hasMessage("input.query timed out (the limit is 120 s): canceling statement due to user request");
    assertThat(errors.querying(new SQLTimeoutException("interrupted"), 7))
        .hasMessage("input.query timed out after 7 rows (the limit is 120 s): interrupted");
    assertThat(errors.querying(new SQLException("ERROR: relation \"x\" does not exist\n  Position: 15", "42P01"), 0))
        .hasMessage("input.query failed: ERROR: relation \"x\" does not exist Position: 15");
  }

  @Test
  void leaves_messages_alone_when_the_password_is_empty() {
    DatabaseErrors noPassword = new DatabaseErrors(Secret.of(""), 120);

    assertThat(noPassword.clean("a message")).isEqualTo("a message");
  }
}
