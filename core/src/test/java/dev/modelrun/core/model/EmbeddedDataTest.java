package dev.modelrun.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class EmbeddedDataTest {
  private static final String WHERE = "input.sources.item-1.input.txt";

  private static String text(InputData data) throws IOException {
    return data.content().asCharSource(StandardCharsets.UTF_8).read();
  }

  @Test
  void plain_base64_is_octet_stream() throws IOException {
    InputData data = EmbeddedData.decode("SSBsb3ZlIGl0", WHERE);
    assertThat(data.mediaType()).isEqualTo("application/octet-stream");
    assertThat(text(data)).isEqualTo("I love it");
    assertThat(data.size()).isEqualTo(9);
  }

  @Test
  void a_data_prefix_gives_the_media_type_with_its_parameters() throws IOException {
    InputData data = EmbeddedData.decode("data:text/plain;charset=utf-8;base64,SSBsb3ZlIGl0", WHERE);
    assertThat(data.mediaType()).isEqualTo("text/plain;charset=utf-8");
    assertThat(text(data)).isEqualTo("I love it");
  }

  @Test
  void the_prefix_is_read_case_insensitively() throws IOException {
    InputData data = EmbeddedData.decode("DATA:image/png;BASE64,AAE=", WHERE);
    assertThat(data.mediaType()).isEqualTo("image/png");
    assertThat(data.content().read()).containsExactly(0, 1);
  }

  @Test
  void a_data_prefix_without_media_type_is_octet_stream() {
    assertThat(EmbeddedData.decode("data:;base64,AAE=", WHERE).mediaType()).isEqualTo("application/octet-stream");
  }

  @Test
  void url_safe_base64_is_decoded() throws IOException {
    byte[] bytes = {(byte) 0xfb, (byte) 0xff, (byte) 0xbf};
    String urlSafe = Base64.getUrlEncoder().encodeToString(bytes);
    assertThat(urlSafe).contains("-").contains("_");
    assertThat(EmbeddedData.decode(urlSafe, WHERE).content().read()).containsExactly(bytes);
  }

  @Test
  void padding_may_be_left_out_and_line_breaks_and_outer_spaces_are_ignored() throws IOException {
    assertThat(text(EmbeddedData.decode("SSBsb3Zl", WHERE))).isEqualTo("I love");
    assertThat(text(EmbeddedData.decode("SSBs", WHERE))).isEqualTo("I l");
    assertThat(text(EmbeddedData.decode("SQ", WHERE))).isEqualTo("I");
    assertThat(text(EmbeddedData.decode("  SSBs\r\nb3Zl\n  ", WHERE))).isEqualTo("I love");
  }

  @Test
  void characters_outside_base64_are_refused_naming_the_place() {
    assertThatThrownBy(() -> EmbeddedData.decode("SSBs b3Zl", WHERE)).isInstanceOf(InvalidInputException.class)
        .hasMessage(WHERE + " is not valid base64");
    assertThatThrownBy(() -> EmbeddedData.decode("SSBs*b3Zl", WHERE)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(WHERE);
    assertThatThrownBy(() -> EmbeddedData.decode("ab-c+d", WHERE)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(WHERE);
  }

  @Test
  void padding_in_the_middle_is_refused() {
    assertThatThrownBy(() -> EmbeddedData.decode("QQ==QQ==", WHERE)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> EmbeddedData.decode("=QQ", WHERE)).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void a_malformed_prefix_is_refused_naming_the_place() {
    assertThatThrownBy(() -> EmbeddedData.decode("data:text/plain;base64", WHERE))
        .isInstanceOf(InvalidInputException.class).hasMessage(WHERE + " has a data: prefix without a comma");
    assertThatThrownBy(() -> EmbeddedData.decode("data:text/plain,hello", WHERE))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(WHERE + " must be base64 encoded (data:<mime>;base64,...)");
  }

  @Test
  void a_truncated_value_is_refused() {
    assertThatThrownBy(() -> EmbeddedData.decode("S", WHERE)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(WHERE);
  }
}
