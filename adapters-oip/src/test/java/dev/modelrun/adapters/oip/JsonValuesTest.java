package dev.modelrun.adapters.oip;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonValuesTest {
  private static final List<String> VALUES = List.of("{\"a\": [1, 2]}", " 1.50 ", "\"x]y\"", "[]", "null", "true",
      "[[\"]\"]]", "\"\\\"]\"");
  private static final List<String> NOT_VALUES = List.of("", " ", "1 2", "1] [2", "1,2", "]", "[", "\"open", "{",
      "\uFEFF{}", "\u00001", "tru", "not json", "{\"a\":1}}", "1]", "[1", "] [");

  @Test
  void a_text_is_one_value_only_when_it_holds_exactly_one() {
    VALUES.forEach(text -> assertThat(JsonValues.isSingleValue(bytes(text))).as(text).isTrue());
    NOT_VALUES.forEach(text -> assertThat(JsonValues.isSingleValue(bytes(text))).as(text).isFalse());
  }

  @Test
  void texts_read_together_get_the_answer_each_gets_alone_whatever_comes_before_or_after() {
    List<String> all = new ArrayList<>();
    all.addAll(VALUES);
    all.addAll(NOT_VALUES);
    for (String before : all) {
      for (String after : all) {
        List<String> texts = List.of("{}", before, "[1]", after, "2");
        byte[][] bytes = texts.stream().map(JsonValuesTest::bytes).toArray(byte[][]::new);

        boolean[] single = JsonValues.areSingleValues(bytes);

        for (int i = 0; i < texts.size(); i++) {
          assertThat(single[i]).as(texts + " at " + i).isEqualTo(VALUES.contains(texts.get(i))
              || texts.get(i).equals("{}") || texts.get(i).equals("[1]") || texts.get(i).equals("2"));
        }
      }
    }
  }

  @Test
  void a_missing_text_is_no_value_and_does_not_disturb_the_others() {
    boolean[] single = JsonValues.areSingleValues(new byte[][] {bytes("1"), null, bytes("x"), bytes("{}")});

    assertThat(single).containsExactly(true, false, false, true);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
