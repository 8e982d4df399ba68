package dev.modelrun.app.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SentimentLexiconTest {

  @Test
  void the_built_in_lexicon_has_hundreds_of_words_of_both_signs() {
    SentimentLexicon lexicon = SentimentLexicon.builtIn();
    assertThat(lexicon.size()).isGreaterThan(300);
    assertThat(lexicon.valence("love")).isPositive();
    assertThat(lexicon.valence("terrible")).isNegative();
    assertThat(lexicon.valence("table")).isZero();
  }

  @Test
  void negators_and_intensifiers_are_rules_not_entries() {
    SentimentLexicon lexicon = SentimentLexicon.builtIn();
    assertThat(lexicon.valence("not")).isZero();
    assertThat(lexicon.valence("never")).isZero();
    assertThat(lexicon.valence("very")).isZero();
    assertThat(lexicon.valence("but")).isZero();
  }

  @Test
  void reads_tab_separated_lines_and_skips_comments() throws Exception {
    SentimentLexicon lexicon = SentimentLexicon.read(new ByteArrayInputStream(
        "# comment\n\nGood\t1.5\nbad\t-2\n".getBytes(StandardCharsets.UTF_8)));
    assertThat(lexicon.size()).isEqualTo(2);
    assertThat(lexicon.valence("good")).isEqualTo(1.5);
  }

  @Test
  void refuses_malformed_lines_and_valences_out_of_range() {
    assertThatThrownBy(() -> SentimentLexicon.read(new ByteArrayInputStream("good 1.5\n".getBytes())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 1");
    assertThatThrownBy(() -> SentimentLexicon.read(new ByteArrayInputStream("good\t5\n".getBytes())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not in [-4, 4]");
  }
}
