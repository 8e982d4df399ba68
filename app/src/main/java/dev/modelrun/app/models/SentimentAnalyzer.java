package dev.modelrun.app.models;

import static java.util.Map.entry;
import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rule-based sentiment in the manner of VADER (Hutto &amp; Gilbert, 2014): each word's valence from the lexicon, raised
 * by ALL-CAPS among lower-case words and by intensifiers ("very", "extremely") or lowered by dampeners ("slightly")
 * in the three words before it, flipped and damped by a negator ("not", "never", "n't") among them; words before a
 * "but" count half and words after it half as much again; exclamation marks push the total further. The total is
 * squashed into a compound score in (-1, 1).
 */
final class SentimentAnalyzer {
  private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}]+(?:['’][\\p{L}]+)*|[.,;:!?]");
  private static final int WINDOW = 3;
  private static final double[] DAMPING_BY_DISTANCE = {1.0, 0.95, 0.9};
  private static final double NEGATION_SCALAR = -0.74;
  private static final double CAPS_INCREMENT = 0.733;
  private static final double EXCLAMATION_INCREMENT = 0.292;
  private static final int MAX_EXCLAMATIONS = 4;
  private static final double BEFORE_BUT = 0.5;
  private static final double AFTER_BUT = 1.5;
  // why: the normalisation of VADER; a total of about ±4 (one strong word) maps to a compound of about ±0.7.
  private static final double ALPHA = 15;

  private static final Set<String> NEGATORS = Set.of("not", "no", "never", "none", "nobody", "nothing", "neither",
      "nor", "nowhere", "cannot", "without", "aint", "dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent",
      "wont", "cant", "couldnt", "shouldnt", "wouldnt", "havent", "hasnt", "hadnt", "mustnt", "neednt");

  private static final Map<String, Double> INTENSIFIERS = Map.ofEntries(
      entry("extremely", 0.4), entry("incredibly", 0.4), entry("exceptionally", 0.4), entry("utterly", 0.35),
      entry("absolutely", 0.35), entry("totally", 0.3), entry("completely", 0.3), entry("entirely", 0.3),
      entry("very", 0.293), entry("really", 0.293), entry("so", 0.293), entry("truly", 0.293),
      entry("highly", 0.293), entry("super", 0.293), entry("remarkably", 0.293), entry("especially", 0.25),
      entry("particularly", 0.25), entry("deeply", 0.25), entry("quite", 0.2), entry("pretty", 0.15),
      entry("slightly", -0.293), entry("somewhat", -0.293), entry("marginally", -0.293), entry("kinda", -0.293),
      entry("barely", -0.35), entry("hardly", -0.35), entry("scarcely", -0.35), entry("fairly", -0.1),
      entry("rather", -0.1));

  /** One word of the text as written and its contribution to the compound score. */
  record WordScore(String word, double score) {}

  /**
   * The result: {@code compound} in (-1, 1) equals the sum of every word's {@code score} plus {@code punctuation},
   * the part the exclamation marks added.
   */
  record Analysis(double compound, List<WordScore> words, double punctuation) {
    Analysis {
      words = List.copyOf(words);
    }
  }

  private record Token(String text, String key, boolean word) {}

  private final SentimentLexicon lexicon;

  SentimentAnalyzer(SentimentLexicon lexicon) {
    this.lexicon = requireNonNull(lexicon, "lexicon");
  }

  Analysis analyze(String text) {
    List<Token> tokens = tokenize(text);
    boolean someLowerCase = tokens.stream().anyMatch(t -> t.word() && t.text().codePoints().anyMatch(Character::isLowerCase));
    int but = indexOfFirst(tokens, "but");
    double[] valences = new double[tokens.size()];
    double total = 0;
    for (int i = 0; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      if (!token.word()) {
        continue;
      }
      double valence = lexicon.valence(lookupKey(token.key()));
      if (valence == 0) {
        continue;
      }
      if (someLowerCase && isShouted(token.text())) {
        valence += Math.signum(valence) * CAPS_INCREMENT;
      }
      valence = modifiedByPrecedingWords(tokens, i, valence);
      if (but >= 0) {
        valence *= i < but ? BEFORE_BUT : AFTER_BUT;
      }
      valences[i] = valence;
      total += valence;
    }
    double punctuation = total == 0 ? 0 : Math.signum(total) * EXCLAMATION_INCREMENT
        * Math.min(MAX_EXCLAMATIONS, text.chars().filter(c -> c == '!').count());
    double norm = Math.sqrt((total + punctuation) * (total + punctuation) + ALPHA);
    List<WordScore> words = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      if (tokens.get(i).word()) {
        words.add(new WordScore(tokens.get(i).text(), valences[i] / norm));
      }
    }
    return new Analysis((total + punctuation) / norm, words, punctuation / norm);
  }

  private double modifiedByPrecedingWords(List<Token> tokens, int index, double valence) {
    double modified = valence;
    boolean negated = false;
    int distance = 0;
    for (int j = index - 1; j >= 0 && distance < WINDOW; j--) {
      Token before = tokens.get(j);
      // why: a negator or intensifier does not reach across a clause ("not bad, good" is positive)
      if (!before.word() || before.key().equals("but")) {
        break;
      }
      Double boost = INTENSIFIERS.get(before.key());
      if (boost != null) {
        modified += Math.signum(valence) * boost * DAMPING_BY_DISTANCE[distance];
      }
      negated |= isNegator(before.key());
      distance++;
    }
    return negated ? modified * NEGATION_SCALAR : modified;
  }

  private static List<Token> tokenize(String text) {
    List<Token> tokens = new ArrayList<>();
    Matcher matcher = TOKEN.matcher(text);
    while (matcher.find()) {
      String found = matcher.group();
      boolean word = Character.isLetterOrDigit(found.codePointAt(0));
      tokens.add(new Token(found, found.toLowerCase(Locale.ROOT).replace('’', '\''), word));
    }
    return tokens;
  }

  private static int indexOfFirst(List<Token> tokens, String key) {
    for (int i = 0; i < tokens.size(); i++) {
      if (tokens.get(i).word() && tokens.get(i).key().equals(key)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isNegator(String key) {
    return key.endsWith("n't") || NEGATORS.contains(key);
  }

  /** The form a word is looked up by: possessive {@code 's} dropped ("product's" is "product"). */
  private static String lookupKey(String key) {
    return key.endsWith("'s") ? key.substring(0, key.length() - 2) : key;
  }

  /** True for a word of two or more letters written all in capitals ("LOVE", not "I"). */
  private static boolean isShouted(String word) {
    long letters = word.codePoints().filter(Character::isLetter).count();
    return letters >= 2 && word.codePoints().noneMatch(Character::isLowerCase);
  }
}
