package dev.modelrun.app.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelrun.core.model.InputData;
import dev.modelrun.core.model.OutputValue;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SentimentModelTest {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private final SentimentModel model = new SentimentModel();

  private JsonNode run(String text, boolean explain) throws Exception {
    Map<String, OutputValue> outputs = model.run(Map.of("input.txt", InputData.text(text)), explain);
    assertThat(outputs).containsOnlyKeys("results.json");
    assertThat(outputs.get("results.json").mediaType()).isEqualTo("application/json");
    return JSON.readTree(outputs.get("results.json").content());
  }

  private String topClass(String text) throws Exception {
    return run(text, false).at("/data/result/classPredictions/0/class").asText();
  }

  private BigDecimal score(String text, String label) throws Exception {
    for (JsonNode prediction : run(text, false).at("/data/result/classPredictions")) {
      if (prediction.get("class").asText().equals(label)) {
        return prediction.get("score").decimalValue();
      }
    }
    throw new AssertionError("no class " + label);
  }

  private double compound(String text) throws Exception {
    return run(text, true).at("/data/explanation/compound").doubleValue();
  }

  private double wordScore(JsonNode result, String word) {
    for (JsonNode entry : result.at("/data/explanation/wordImportances")) {
      if (entry.get("word").asText().equals(word)) {
        return entry.get("score").doubleValue();
      }
    }
    throw new AssertionError("no word " + word);
  }

  @Nested
  class Classes {
    @ParameterizedTest
    @ValueSource(strings = {"I love it", "This product is excellent and the support was wonderful.",
        "What a great day, I am so happy!", "Highly recommended, works perfectly."})
    void clear_praise_is_positive(String text) throws Exception {
      assertThat(topClass(text)).isEqualTo("positive");
    }

    @ParameterizedTest
    @ValueSource(strings = {"I hate it", "This is terrible and the service was awful.",
        "Worst purchase ever, completely useless.", "I am sad and disappointed."})
    void clear_complaints_are_negative(String text) throws Exception {
      assertThat(topClass(text)).isEqualTo("negative");
    }

    @ParameterizedTest
    @ValueSource(strings = {"The box is on the table.", "It arrived on Tuesday at 10 am.", "42", "Paris is in France"})
    void text_without_sentiment_is_neutral(String text) throws Exception {
      assertThat(topClass(text)).isEqualTo("neutral");
      assertThat(compound(text)).isZero();
    }

    @Test
    void the_output_has_the_documented_shape() throws Exception {
      JsonNode result = run("I love it", false);
      assertThat(result.fieldNames()).toIterable().containsExactly("data");
      assertThat(result.get("data").fieldNames()).toIterable().containsExactly("result", "explanation");
      assertThat(result.at("/data/explanation").isNull()).isTrue();
      JsonNode predictions = result.at("/data/result/classPredictions");
      assertThat(predictions).hasSize(3);
      List<String> labels = new ArrayList<>();
      predictions.forEach(p -> {
        assertThat(p.fieldNames()).toIterable().containsExactly("class", "score");
        labels.add(p.get("class").asText());
      });
      assertThat(labels).containsExactlyInAnyOrder("positive", "neutral", "negative");
    }

    @ParameterizedTest
    @ValueSource(strings = {"I love it", "I hate it", "The box is on the table.", "good but bad", "meh",
        "not bad at all!!!", "EXTREMELY GOOD", "ok"})
    void scores_sum_to_exactly_one_and_come_highest_first(String text) throws Exception {
      JsonNode predictions = run(text, false).at("/data/result/classPredictions");
      BigDecimal sum = BigDecimal.ZERO;
      BigDecimal previous = BigDecimal.ONE;
      for (JsonNode prediction : predictions) {
        BigDecimal score = prediction.get("score").decimalValue();
        assertThat(score).isBetween(BigDecimal.ZERO, BigDecimal.ONE).isLessThanOrEqualTo(previous);
        assertThat(score.scale()).isLessThanOrEqualTo(4);
        previous = score;
        sum = sum.add(score);
      }
      assertThat(sum).isEqualByComparingTo(BigDecimal.ONE);
    }
  }

  @Nested
  class Rules {
    @Test
    void not_good_is_negative() throws Exception {
      assertThat(topClass("This is good")).isEqualTo("positive");
      assertThat(topClass("This is not good")).isEqualTo("negative");
    }

    @ParameterizedTest
    @ValueSource(strings = {"I don't like it", "I do not like it", "I never liked it", "I didn’t enjoy it",
        "It isn't helpful"})
    void negators_flip_the_words_after_them(String text) throws Exception {
      assertThat(compound(text)).isNegative();
    }

    @Test
    void a_negation_fades_after_three_words() throws Exception {
      assertThat(compound("not that the food was good")).isPositive();
    }

    @Test
    void not_bad_is_mildly_positive() throws Exception {
      assertThat(compound("not bad")).isPositive().isLessThan(compound("good"));
    }

    @Test
    void intensifiers_raise_the_score_and_dampeners_lower_it() throws Exception {
      double good = compound("The food was good");
      assertThat(compound("The food was very good")).isGreaterThan(good);
      assertThat(compound("The food was extremely good")).isGreaterThan(compound("The food was very good"));
      assertThat(compound("The food was slightly good")).isLessThan(good).isPositive();
      assertThat(compound("The food was very bad")).isLessThan(compound("The food was bad"));
      assertThat(score("The food was very good", "positive")).isGreaterThan(score("The food was good", "positive"));
    }

    @Test
    void the_clause_after_but_weighs_more() throws Exception {
      assertThat(topClass("The food was great but the service was terrible")).isEqualTo("negative");
      assertThat(topClass("The food was terrible but the service was great")).isEqualTo("positive");
    }

    @Test
    void exclamation_marks_add_emphasis_up_to_four() throws Exception {
      assertThat(compound("good!")).isGreaterThan(compound("good"));
      assertThat(compound("good!!!")).isGreaterThan(compound("good!"));
      assertThat(compound("good!!!!!!!!")).isEqualTo(compound("good!!!!"));
      assertThat(compound("bad!!!")).isLessThan(compound("bad"));
      assertThat(compound("The box is on the table!!!")).isZero();
    }

    @Test
    void a_shouted_word_among_lower_case_ones_weighs_more() throws Exception {
      assertThat(compound("I LOVE it")).isGreaterThan(compound("I love it"));
      // all capitals is a habit, not emphasis
      assertThat(compound("I LOVE IT")).isEqualTo(compound("i love it"));
    }
  }

  @Nested
  class Explanation {
    @Test
    void gives_every_word_in_text_order_with_signs_that_make_sense() throws Exception {
      JsonNode result = run("I love the camera, but the battery is awful.", true);
      List<String> words = new ArrayList<>();
      result.at("/data/explanation/wordImportances").forEach(e -> words.add(e.get("word").asText()));

      assertThat(words).containsExactly("I", "love", "the", "camera", "but", "the", "battery", "is", "awful");
      assertThat(wordScore(result, "love")).isPositive();
      assertThat(wordScore(result, "awful")).isNegative();
      assertThat(wordScore(result, "camera")).isZero();
      assertThat(wordScore(result, "but")).isZero();
    }

    @Test
    void a_negated_word_contributes_against_its_own_sense() throws Exception {
      assertThat(wordScore(run("this is not good", true), "good")).isNegative();
    }

    @Test
    void contributions_add_up_to_the_compound() throws Exception {
      JsonNode explanation = run("Great phone, but the screen is not very bright and the battery is awful!!",
          true).at("/data/explanation");
      double sum = explanation.get("punctuation").doubleValue();
      for (JsonNode entry : explanation.get("wordImportances")) {
        sum += entry.get("score").doubleValue();
      }
      assertThat(sum).isCloseTo(explanation.get("compound").doubleValue(),
          org.assertj.core.data.Offset.offset(0.0005 * explanation.get("wordImportances").size()));
      assertThat(explanation.get("punctuation").doubleValue()).isNegative();
    }

    @Test
    void explain_does_not_change_the_prediction() throws Exception {
      String text = "The service was slow but the staff were very friendly";
      assertThat(run(text, true).at("/data/result")).isEqualTo(run(text, false).at("/data/result"));
    }
  }

  @Nested
  class Inputs {
    @Test
    void the_same_text_gives_the_same_bytes() throws Exception {
      String text = "Absolutely loved the hotel, but breakfast was disappointing.";
      byte[] first = model.run(Map.of("input.txt", InputData.text(text)), true).get("results.json").content();
      byte[] second = new SentimentModel().run(Map.of("input.txt", InputData.text(text)), true).get("results.json")
          .content();
      assertThat(second).isEqualTo(first);
    }

    @Test
    void text_that_is_not_utf8_is_refused() {
      InputData latin1 = InputData.bytes("text/plain", new byte[] {'c', 'a', 'f', (byte) 0xe9});
      assertThatThrownBy(() -> model.run(Map.of("input.txt", latin1), false))
          .isInstanceOf(IllegalArgumentException.class).hasMessage("input.txt is not valid UTF-8 text");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\n\t", "\uFEFF"})
    void empty_text_is_refused(String text) {
      assertThatThrownBy(() -> model.run(Map.of("input.txt", InputData.text(text)), false))
          .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("input.txt is empty");
    }

    @Test
    void a_missing_input_is_refused_by_name() {
      assertThatThrownBy(() -> model.run(Map.of("other.txt", InputData.text("hi")), false))
          .isInstanceOf(IllegalArgumentException.class).hasMessage("the input input.txt is missing");
    }

    @Test
    void text_over_one_mebibyte_is_refused() {
      InputData big = InputData.bytes("text/plain", new byte[1024 * 1024 + 1]);
      assertThatThrownBy(() -> model.run(Map.of("input.txt", big), false))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than the 1048576 accepted");
    }

    @Test
    void a_byte_order_mark_and_non_english_letters_are_fine() throws Exception {
      assertThat(topClass("\uFEFFThe café was wonderful")).isEqualTo("positive");
    }
  }

  @Test
  void describes_itself_as_the_api_says() {
    var descriptor = model.descriptor();
    assertThat(descriptor.ref().identifier()).isEqualTo("ed542963de");
    assertThat(descriptor.ref().version()).isEqualTo("0.0.27");
    assertThat(descriptor.name()).isEqualTo("Sentiment Analysis");
    assertThat(descriptor.input("input.txt")).hasValueSatisfying(input -> {
      assertThat(input.accepts("text/plain; charset=utf-8")).isTrue();
      assertThat(input.maximumSize()).isEqualTo(1024 * 1024);
    });
    assertThat(descriptor.output("results.json")).hasValueSatisfying(
        output -> assertThat(output.mediaType()).isEqualTo("application/json"));
    assertThat(descriptor.explainSupported()).isTrue();
    assertThat(descriptor.isTabular()).isFalse();
    assertThat(descriptor.pricing().recordsPerGroup()).isEqualTo(1);
    assertThat(descriptor.pricing().unitsPerGroup()).isEqualTo(1);
    assertThat(descriptor.timeouts().status()).isEqualTo(Duration.ofSeconds(60));
    assertThat(descriptor.timeouts().run()).isEqualTo(Duration.ofSeconds(30));
  }
}
