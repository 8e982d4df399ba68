package dev.modelrun.app.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.modelrun.app.models.ClassPredictions.Prediction;
import dev.modelrun.app.models.SentimentAnalyzer.Analysis;
import java.math.BigDecimal;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;

class SentimentProperties {
  private static final SentimentAnalyzer ANALYZER = new SentimentAnalyzer(SentimentLexicon.builtIn());

  @Property
  void predictions_are_three_classes_summing_to_exactly_one_highest_first(
      @ForAll @DoubleRange(min = -1, max = 1) double compound) {
    List<Prediction> predictions = ClassPredictions.of(compound);

    assertThat(predictions).extracting(Prediction::label)
        .containsExactlyInAnyOrder("positive", "neutral", "negative");
    assertThat(predictions.stream().map(Prediction::score).reduce(BigDecimal.ZERO, BigDecimal::add))
        .isEqualByComparingTo(BigDecimal.ONE);
    assertThat(predictions).extracting(Prediction::score).isSortedAccordingTo((a, b) -> b.compareTo(a))
        .allSatisfy(score -> assertThat(score).isBetween(BigDecimal.ZERO, BigDecimal.ONE));
  }

  @Property
  void a_higher_compound_never_makes_positive_less_likely(@ForAll @DoubleRange(min = -1, max = 1) double a,
      @ForAll @DoubleRange(min = -1, max = 1) double b) {
    double low = Math.min(a, b);
    double high = Math.max(a, b);
    // one ten-thousandth of slack: the rounding to four decimals may move a score by that much
    assertThat(positive(high)).isGreaterThanOrEqualTo(positive(low).subtract(new BigDecimal("0.0001")));
  }

  @Property
  void the_sign_of_the_compound_picks_between_positive_and_negative(
      @ForAll @DoubleRange(min = -1, max = 1) double compound) {
    BigDecimal positive = positive(compound);
    BigDecimal negative = score(compound, "negative");
    if (compound > 0.001) {
      assertThat(positive).isGreaterThanOrEqualTo(negative);
    } else if (compound < -0.001) {
      assertThat(negative).isGreaterThanOrEqualTo(positive);
    }
  }

  @Property
  void any_text_gets_a_compound_in_range_that_its_parts_add_up_to(@ForAll("texts") String text) {
    Analysis analysis = ANALYZER.analyze(text);
    assertThat(analysis.compound()).isBetween(-1.0, 1.0);
    double parts = analysis.punctuation()
        + analysis.words().stream().mapToDouble(SentimentAnalyzer.WordScore::score).sum();
    assertThat(parts).isCloseTo(analysis.compound(), within(1e-9));
    assertThat(ANALYZER.analyze(text)).isEqualTo(analysis);
  }

  @Property
  void negating_a_lone_sentiment_word_flips_its_sign(@ForAll("lexiconWords") String word) {
    double plain = ANALYZER.analyze("it is " + word).compound();
    double negated = ANALYZER.analyze("it is not " + word).compound();
    assertThat(Math.signum(negated)).isEqualTo(-Math.signum(plain));
  }

  private static BigDecimal positive(double compound) {
    return score(compound, "positive");
  }

  private static BigDecimal score(double compound, String label) {
    return ClassPredictions.of(compound).stream().filter(p -> p.label().equals(label)).findFirst().orElseThrow()
        .score();
  }

  @Provide
  Arbitrary<String> texts() {
    Arbitrary<String> words = Arbitraries.of("good", "bad", "not", "very", "slightly", "but", "LOVE", "hate", "the",
        "don't", "!", ",", ".", "never", "awful", "great", "product", "extremely", "?", "café");
    Arbitrary<String> noise = Arbitraries.strings().ofMaxLength(8);
    return Arbitraries.oneOf(words, words, noise).list().ofMaxSize(30).map(list -> String.join(" ", list));
  }

  @Provide
  Arbitrary<String> lexiconWords() {
    return Arbitraries.of("good", "great", "love", "excellent", "happy", "bad", "terrible", "awful", "sad", "hate",
        "useless", "wonderful", "boring", "helpful", "disappointing");
  }
}
