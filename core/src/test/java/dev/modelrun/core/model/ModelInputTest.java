package dev.modelrun.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ModelInputTest {
  private static final ModelInput TEXT = new ModelInput("input.txt", List.of("text/plain"), 1024);

  @Test
  void accepts_its_media_type_ignoring_case_and_parameters() {
    assertThat(TEXT.accepts("text/plain")).isTrue();
    assertThat(TEXT.accepts("Text/Plain")).isTrue();
    assertThat(TEXT.accepts("text/plain;charset=utf-8")).isTrue();
    assertThat(TEXT.accepts(" text/plain ; charset=UTF-8")).isTrue();
  }

  @Test
  void refuses_other_media_types() {
    assertThat(TEXT.accepts("text/csv")).isFalse();
    assertThat(TEXT.accepts("image/png")).isFalse();
    assertThat(TEXT.accepts("text/plainer")).isFalse();
  }

  @Test
  void octet_stream_is_accepted_by_every_input() {
    assertThat(TEXT.accepts("application/octet-stream")).isTrue();
    assertThat(new ModelInput("image", List.of("image/png"), 1).accepts("Application/Octet-Stream; x=y")).isTrue();
  }

  @Test
  void a_wildcard_accepts_its_family() {
    ModelInput images = new ModelInput("image", List.of("image/*"), 1024);
    assertThat(images.accepts("image/png")).isTrue();
    assertThat(images.accepts("image/jpeg; q=1")).isTrue();
    assertThat(images.accepts("text/plain")).isFalse();
    assertThat(images.accepts("imagex/png")).isFalse();
  }

  @Test
  void a_full_wildcard_accepts_everything() {
    assertThat(new ModelInput("any", List.of("*/*"), 1).accepts("video/mp4")).isTrue();
  }

  @Test
  void any_of_several_types_is_accepted() {
    ModelInput input = new ModelInput("doc", List.of("text/plain", "application/pdf"), 1);
    assertThat(input.accepts("application/pdf")).isTrue();
    assertThat(input.accepts("text/plain")).isTrue();
  }

  @Test
  void essence_drops_parameters_and_case() {
    assertThat(ModelInput.essence("Text/HTML; charset=UTF-8")).isEqualTo("text/html");
  }

  @Test
  void needs_a_name_a_media_type_and_a_positive_maximum_size() {
    assertThatThrownBy(() -> new ModelInput(" ", List.of("text/plain"), 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ModelInput("a", List.of(), 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ModelInput("a", List.of("text/plain"), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
