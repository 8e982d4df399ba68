package dev.modelrun.app.models;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableMap;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * Words and their sentiment valence, from -4 (most negative) to +4 (most positive), read from a tab-separated file
 * of {@code word<TAB>valence} lines ({@code #} starts a comment line).
 */
final class SentimentLexicon {
  static final String RESOURCE = "sentiment-lexicon.tsv";

  private final Map<String, Double> valences;

  private SentimentLexicon(Map<String, Double> valences) {
    this.valences = valences;
  }

  /** The lexicon shipped with the app, next to this class. */
  static SentimentLexicon builtIn() {
    try (InputStream in = SentimentLexicon.class.getResourceAsStream(RESOURCE)) {
      requireNonNull(in, "the resource " + RESOURCE + " is missing from the class path");
      return read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  static SentimentLexicon read(InputStream in) throws IOException {
    ImmutableMap.Builder<String, Double> valences = ImmutableMap.builder();
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String line;
    int number = 0;
    while ((line = reader.readLine()) != null) {
      number++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split("\t");
      checkArgument(parts.length == 2, "lexicon line %s is not word<TAB>valence: '%s'", number, line);
      double valence = Double.parseDouble(parts[1].strip());
      checkArgument(valence >= -4 && valence <= 4, "lexicon line %s: valence %s is not in [-4, 4]", number, (Double) valence);
      valences.put(parts[0].strip().toLowerCase(Locale.ROOT), valence);
    }
    return new SentimentLexicon(valences.buildOrThrow());
  }

  /** The valence of a lower-case word, 0 when the word carries no sentiment. */
  double valence(String word) {
    return valences.getOrDefault(word, 0.0);
  }

  int size() {
    return valences.size();
  }
}
