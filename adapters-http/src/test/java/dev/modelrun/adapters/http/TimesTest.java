package dev.modelrun.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelrun.core.model.InvalidInputException;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimesTest {
  @ParameterizedTest
  @CsvSource({
      "2021-08-02T21:19:52.529Z, 2021-08-02T21:19:52.529+00:00",
      "2021-08-02T21:19:52Z, 2021-08-02T21:19:52.000+00:00",
      "2021-08-02T21:19:52.123456789Z, 2021-08-02T21:19:52.123+00:00"})
  void writes_three_millisecond_digits_and_an_offset(String instant, String written) {
    assertThat(Times.format(Instant.parse(instant))).isEqualTo(written);
  }

  @ParameterizedTest
  @CsvSource({
      "2021-08-02T21:19:52.529+00:00, 2021-08-02T21:19:52.529Z",
      "2021-08-02T21:19:52.529 00:00, 2021-08-02T21:19:52.529Z",
      "2021-08-02T23:19:52.529 02:00, 2021-08-02T21:19:52.529Z",
      "2021-08-02T21:19:52.529Z, 2021-08-02T21:19:52.529Z",
      "2021-08-02T21:19:52.529+0000, 2021-08-02T21:19:52.529Z",
      "2021-08-02T21:19:52, 2021-08-02T21:19:52Z",
      "2021-08-02T21:19, 2021-08-02T21:19:00Z",
      "2021-08-02, 2021-08-02T00:00:00Z"})
  void reads_query_times_in_the_forms_clients_send(String text, String instant) {
    assertThat(Times.parseQuery("startDate", text, false)).isEqualTo(Instant.parse(instant));
  }

  @ParameterizedTest
  @CsvSource({"2021-08-02, 2021-08-02T23:59:59.999Z"})
  void a_bare_end_date_covers_its_whole_day(String text, String instant) {
    assertThat(Times.parseQuery("endDate", text, true)).isEqualTo(Instant.parse(instant));
  }

  @ParameterizedTest
  @ValueSource(strings = {"yesterday", "2021-13-01", "2021-08-02T25:00:00Z", "1627939192"})
  void refuses_what_is_not_a_time_naming_the_parameter(String text) {
    assertThatThrownBy(() -> Times.parseQuery("endDate", text, true))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("endDate")
        .hasMessageContaining(text);
  }
}
