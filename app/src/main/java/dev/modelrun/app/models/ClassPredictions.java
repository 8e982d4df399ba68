package dev.modelrun.app.models;

import static com.google.common.base.Preconditions.checkArgument;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns a compound sentiment score in [-1, 1] into probabilities of {@code positive}, {@code neutral} and {@code
 * negative} with a softmax: positive grows and negative shrinks with the score, neutral is likeliest near zero.
 * Probabilities are rounded to {@value #DIGITS} decimals so that they still sum to exactly 1, highest first.
 */
final class ClassPredictions {
  static final int DIGITS = 4;
  private static final long ONE = 10_000;
  // why: with these, a compound of ±0.2 (one mild word) is about an even split, ±0.6 about 0.95.
  private static final double STEEPNESS = 4;
  private static final double NEUTRAL_BIAS = 1.5;

  /** A class and its probability, exact at {@value #DIGITS} decimals. */
  record Prediction(String label, BigDecimal score) {}

  private ClassPredictions() {}

  static List<Prediction> of(double compound) {
    checkArgument(compound >= -1 && compound <= 1, "compound must be in [-1, 1] but was %s", compound);
    String[] labels = {"positive", "neutral", "negative"};
    double[] logits = {STEEPNESS * compound, NEUTRAL_BIAS - STEEPNESS * Math.abs(compound), -STEEPNESS * compound};
    double[] exp = new double[3];
    double sum = 0;
    for (int i = 0; i < 3; i++) {
      exp[i] = Math.exp(logits[i]);
      sum += exp[i];
    }
    long[] units = largestRemainder(new double[] {exp[0] / sum, exp[1] / sum, exp[2] / sum});
    List<Prediction> predictions = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      predictions.add(new Prediction(labels[i], BigDecimal.valueOf(units[i], DIGITS)));
    }
    // a stable sort: equal scores keep the order positive, neutral, negative
    predictions.sort(Comparator.comparing(Prediction::score).reversed());
    return List.copyOf(predictions);
  }

  /** Rounds shares summing to 1 into ten-thousandths that sum to exactly {@link #ONE}. */
  private static long[] largestRemainder(double[] shares) {
    long[] units = new long[shares.length];
    double[] remainders = new double[shares.length];
    long assigned = 0;
    for (int i = 0; i < shares.length; i++) {
      double scaled = shares[i] * ONE;
      units[i] = (long) Math.floor(scaled);
      remainders[i] = scaled - units[i];
      assigned += units[i];
    }
    for (long left = ONE - assigned; left > 0; left--) {
      int largest = 0;
      for (int i = 1; i < shares.length; i++) {
        if (remainders[i] > remainders[largest]) {
          largest = i;
        }
      }
      units[largest]++;
      remainders[largest] = -1;
    }
    return units;
  }
}
