package dev.modelrun.adapters.jdbc.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JdbcSourcePolicyTest {
  @Test
  void defaults_to_the_three_databases_a_million_rows_and_bounded_time() {
    JdbcSourcePolicy policy = JdbcSourcePolicy.fromEnvironment(Map.of());

    assertThat(policy).isEqualTo(JdbcSourcePolicy.defaults());
    assertThat(policy.allowedPrefixes()).containsExactly("jdbc:postgresql:", "jdbc:mariadb:", "jdbc:mysql:");
    assertThat(policy.maxRows()).isEqualTo(1_000_000);
    assertThat(policy.loginTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(policy.queryTimeout()).isEqualTo(Duration.ofSeconds(120));
    assertThat(policy.fetchSize()).isEqualTo(1_000);
  }

  @Test
  void reads_every_setting_from_the_environment() {
    JdbcSourcePolicy policy = JdbcSourcePolicy.fromEnvironment(Map.of(
        "MODELRUN_JDBC_SOURCE_ALLOWED", " jdbc:postgresql://reports:5432/ , jdbc:mysql://shop/ ",
        "MODELRUN_JDBC_SOURCE_MAX_ROWS", "50_000",
        "MODELRUN_JDBC_SOURCE_LOGIN_TIMEOUT_SECONDS", "3",
        "MODELRUN_JDBC_SOURCE_QUERY_TIMEOUT_SECONDS", "30",
        "MODELRUN_JDBC_SOURCE_FETCH_SIZE", "500"));

    assertThat(policy).isEqualTo(new JdbcSourcePolicy(List.of("jdbc:postgresql://reports:5432/",
        "jdbc:mysql://shop/"), 50_000, Duration.ofSeconds(3), Duration.ofSeconds(30), 500));
  }

  @Test
  void refuses_a_prefix_of_a_database_it_has_no_driver_for() {
    assertThatThrownBy(() -> JdbcSourcePolicy.fromEnvironment(Map.of("MODELRUN_JDBC_SOURCE_ALLOWED",
        "jdbc:postgresql:,jdbc:h2:")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("MODELRUN_JDBC_SOURCE_ALLOWED: allowed JDBC URL prefix 'jdbc:h2:' must start with one of "
            + "[jdbc:postgresql:, jdbc:mariadb:, jdbc:mysql:]");
  }

  @Test
  void names_the_variable_whose_number_is_not_valid() {
    assertThatThrownBy(() -> JdbcSourcePolicy.fromEnvironment(Map.of("MODELRUN_JDBC_SOURCE_MAX_ROWS", "lots")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("MODELRUN_JDBC_SOURCE_MAX_ROWS must be a whole number > 0 but was 'lots'");
    assertThatThrownBy(() -> JdbcSourcePolicy.fromEnvironment(Map.of("MODELRUN_JDBC_SOURCE_FETCH_SIZE", "0")))
        .hasMessage("MODELRUN_JDBC_SOURCE_FETCH_SIZE must be a whole number > 0 but was '0'");
  }

  @Test
  void refuses_timeouts_that_are_not_whole_seconds() {
    assertThatThrownBy(() -> JdbcSourcePolicy.defaults().withQueryTimeout(Duration.ofMillis(1500)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JdbcSourcePolicy.defaults().withLoginTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
