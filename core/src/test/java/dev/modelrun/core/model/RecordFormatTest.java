package dev.modelrun.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class RecordFormatTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      text/csv; header=present | CSV_WITH_HEADER
      text/csv;header=present  | CSV_WITH_HEADER
      TEXT/CSV; HEADER=PRESENT | CSV_WITH_HEADER
      text/csv                 | CSV_WITH_HEADER
      text/csv; header=absent  | CSV_WITHOUT_HEADER
      application/json         | JSON_ARRAY
      Application/JSON         | JSON_ARRAY
      application/x-ndjson     | NDJSON
      """)
  void reads_the_clients_mime_type(String mimeType, RecordFormat expected) {
    assertThat(RecordFormat.parse(mimeType)).isEqualTo(expected);
  }

  @ParameterizedTest
  @EnumSource(RecordFormat.class)
  void reads_back_its_own_media_type(RecordFormat format) {
    assertThat(RecordFormat.parse(format.mediaType())).isEqualTo(format);
  }

  @Test
  void refuses_other_types_listing_the_known_ones() {
    assertThatThrownBy(() -> RecordFormat.parse("text/plain")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'text/csv; header=present'")
        .hasMessageEndingWith("but was 'text/plain'");
    assertThatThrownBy(() -> RecordFormat.parse("text/csv; header=maybe")).isInstanceOf(InvalidInputException.class);
  }
}
