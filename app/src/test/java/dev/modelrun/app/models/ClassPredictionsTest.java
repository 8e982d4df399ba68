package dev.modelrun.app.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelrun.app.models.ClassPredictions.Prediction;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ClassPredictionsTest {

  @Test
  void no_sentiment_is_most_likely_neutral_with_positive_and_negative_tied() {
    assertThat(ClassPredictions.of(0)).containsExactly(
        new Prediction("neutral", new BigDecimal("0.6914")),
        new Prediction("positive", new BigDecimal("0.1543")),
        new Prediction("negative", new BigDecimal("0.1543")));
  }

  @Test
  void a_strong_compound_is_almost_certainly_its_class() {
    assertThat(ClassPredictions.of(0.95).getFirst().label()).isEqualTo("positive");
    assertThat(ClassPredictions.of(0.95).getFirst().score()).isGreaterThan(new BigDecimal("0.99"));
    assertThat(ClassPredictions.of(-0.95).getFirst().label()).isEqualTo("negative");
  }

  @Test
  void opposite_compounds_mirror_each_other() {
    assertThat(ClassPredictions.of(0.4).getFirst().score()).isEqualTo(ClassPredictions.of(-0.4).getFirst().score());
  }

  @Test
  void refuses_a_compound_outside_minus_one_to_one() {
    assertThatThrownBy(() -> ClassPredictions.of(1.5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ClassPredictions.of(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }
}
