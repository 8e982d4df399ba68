package dev.modelrun.app.models;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelrun.app.models.SentimentAnalyzer.Analysis;
import dev.modelrun.app.models.SentimentAnalyzer.WordScore;
import dev.modelrun.core.billing.Pricing;
import dev.modelrun.core.model.InputData;
import dev.modelrun.core.model.ModelDescriptor;
import dev.modelrun.core.model.ModelInput;
import dev.modelrun.core.model.ModelOutput;
import dev.modelrun.core.model.ModelRef;
import dev.modelrun.core.model.ModelTimeouts;
import dev.modelrun.core.model.OutputValue;
import dev.modelrun.core.port.out.ItemModel;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Sentiment Analysis ({@code ed542963de} 0.0.27): reads UTF-8 text from {@code input.txt} and writes {@code
 * results.json}:
 *
 * <pre>{@code
 * {"data": {"result": {"classPredictions": [{"class": "positive", "score": 0.9712}, ...]}, "explanation": null}}
 * }</pre>
 *
 * <p>with the classes {@code positive}, {@code neutral} and {@code negative}, highest first, scores of four decimals
 * summing to exactly 1. With explain, {@code explanation} is {@code {"compound": c, "punctuation": p,
 * "wordImportances": [{"word": "love", "score": 0.6374}, ...]}}: every word in text order with its contribution to
 * the compound sentiment {@code c} in (-1, 1) (above zero when it pulls towards positive, below zero towards
 * negative, so "good" in "not good" is below zero; zero for words without sentiment), and {@code p} the part
 * exclamation marks added; the contributions and {@code p} sum to {@code c}, up to rounding to four decimals. See
 * {@link SentimentAnalyzer} for the rules.
 */
public final class SentimentModel implements ItemModel {
  public static final String INPUT = "input.txt";
  public static final String OUTPUT = "results.json";
  /** The largest text accepted: 1 MiB. */
  public static final long MAXIMUM_SIZE = 1024 * 1024;

  private static final ModelDescriptor DESCRIPTOR = new ModelDescriptor(
      ModelRef.of("ed542963de", "0.0.27"),
      "Sentiment Analysis",
      "Classifies English text as positive, neutral or negative with a sentiment lexicon and rules for negation, "
          + "intensifiers, contrast and emphasis.",
      List.of(new ModelInput(INPUT, List.of("text/plain"), MAXIMUM_SIZE)),
      List.of(new ModelOutput(OUTPUT, "application/json")),
      List.of(),
      List.of(),
      true,
      false,
      Pricing.of(1, 1),
      ModelTimeouts.of(Duration.ofSeconds(60), Duration.ofSeconds(30)));

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The lexicon is read once, when the first sentiment model is made. */
  private static final class Holder {
    static final SentimentAnalyzer ANALYZER = new SentimentAnalyzer(SentimentLexicon.builtIn());
  }

  /** A public no-argument constructor, for {@link java.util.ServiceLoader}. */
  public SentimentModel() {}

  @Override
  public ModelDescriptor descriptor() {
    return DESCRIPTOR;
  }

  /**
   * @throws IllegalArgumentException when {@code input.txt} is missing, larger than 1 MiB, not UTF-8 or has no text
   */
  @Override
  public Map<String, OutputValue> run(Map<String, InputData> inputs, boolean explain) throws Exception {
    String text = readText(inputs.get(INPUT));
    Analysis analysis = Holder.ANALYZER.analyze(text);
    ObjectNode root = JSON.createObjectNode();
    ObjectNode data = root.putObject("data");
    ArrayNode predictions = data.putObject("result").putArray("classPredictions");
    for (ClassPredictions.Prediction prediction : ClassPredictions.of(analysis.compound())) {
      predictions.addObject().put("class", prediction.label()).put("score", plain(prediction.score()));
    }
    if (explain) {
      ObjectNode explanation = data.putObject("explanation");
      explanation.put("compound", rounded(analysis.compound()));
      explanation.put("punctuation", rounded(analysis.punctuation()));
      ArrayNode words = explanation.putArray("wordImportances");
      for (WordScore word : analysis.words()) {
        words.addObject().put("word", word.word()).put("score", rounded(word.score()));
      }
    } else {
      data.putNull("explanation");
    }
    return Map.of(OUTPUT, new OutputValue("application/json", JSON.writeValueAsBytes(root)));
  }

  private static String readText(InputData input) throws Exception {
    if (input == null) {
      throw new IllegalArgumentException("the input " + INPUT + " is missing");
    }
    byte[] bytes = input.content().read();
    if (bytes.length > MAXIMUM_SIZE) {
      throw new IllegalArgumentException(INPUT + " is " + bytes.length + " bytes, more than the " + MAXIMUM_SIZE
          + " accepted");
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(INPUT + " is not valid UTF-8 text", e);
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    if (text.isBlank()) {
      throw new IllegalArgumentException(INPUT + " is empty: there is no text to analyse");
    }
    return text;
  }

  private static BigDecimal rounded(double value) {
    return plain(BigDecimal.valueOf(value).setScale(ClassPredictions.DIGITS, RoundingMode.HALF_EVEN));
  }

  // why: 0.9100 and 0E-4 are correct but odd in JSON; 0.91 and 0 are what clients expect to read.
  private static BigDecimal plain(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }
}
