package dev.modelrun.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class JobSpecTest {

  @Test
  void the_defaults_are_no_name_no_explain_a_day_of_timeout_and_a_day_of_kept_inputs() {
    JobSpec spec = JobSpec.defaults();
    assertThat(spec.name()).isEmpty();
    assertThat(spec.explain()).isFalse();
    assertThat(spec.timeout()).isEqualTo(Duration.ofHours(24));
    assertThat(spec.hoursDeleteInput()).isEqualTo(24);
    assertThat(spec.priority()).isZero();
  }

  @Test
  void the_name_falls_back_when_empty() {
    assertThat(JobSpec.defaults().nameOr("file.csv")).isEqualTo("file.csv");
    assertThat(JobSpec.defaults().withName("mine").nameOr("file.csv")).isEqualTo("mine");
  }

  @Test
  void names_longer_than_256_characters_are_refused() {
    assertThat(JobSpec.defaults().withName("n".repeat(256)).name()).hasSize(256);
    assertThatThrownBy(() -> JobSpec.defaults().withName("n".repeat(257))).isInstanceOf(InvalidInputException.class)
        .hasMessage("name must be at most 256 characters but was 257");
  }

  @Test
  void the_timeout_is_between_one_millisecond_and_thirty_days() {
    assertThat(JobSpec.defaults().withTimeout(Duration.ofMillis(1)).timeout()).isEqualTo(Duration.ofMillis(1));
    assertThat(JobSpec.defaults().withTimeout(Duration.ofDays(30)).timeout()).isEqualTo(Duration.ofDays(30));
    assertThatThrownBy(() -> JobSpec.defaults().withTimeout(Duration.ZERO)).isInstanceOf(InvalidInputException.class)
        .hasMessage("timeout must be between 1 ms and 2592000000 ms but was 0 ms");
    assertThatThrownBy(() -> JobSpec.defaults().withTimeout(Duration.ofDays(30).plusMillis(1)))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void inputs_are_kept_zero_hours_to_a_year() {
    assertThat(JobSpec.defaults().withHoursDeleteInput(0).hoursDeleteInput()).isZero();
    assertThat(JobSpec.defaults().withHoursDeleteInput(8760).hoursDeleteInput()).isEqualTo(8760);
    assertThatThrownBy(() -> JobSpec.defaults().withHoursDeleteInput(-1)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> JobSpec.defaults().withHoursDeleteInput(8761)).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void priority_is_bounded() {
    assertThat(JobSpec.defaults().withPriority(-1000).priority()).isEqualTo(-1000);
    assertThatThrownBy(() -> JobSpec.defaults().withPriority(1001)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void withers_change_only_their_option() {
    JobSpec spec = JobSpec.defaults().withName("a").withExplain(true);
    assertThat(spec).isEqualTo(new JobSpec("a", true, JobSpec.DEFAULT_TIMEOUT, 24, 0));
  }
}
