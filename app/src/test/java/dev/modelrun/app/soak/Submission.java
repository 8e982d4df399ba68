package dev.modelrun.app.soak;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One job of the mix as a client sends it, with what its results must be. */
sealed interface Submission {
  ObjectMapper JSON = new ObjectMapper();

  enum Kind { TEXT, EMBEDDED, CSV }

  Kind kind();

  /** Items (text, embedded) or rows (CSV) sent. */
  int size();

  HttpRequest request(Client client);

  /** A sentence of known sentiment: the built-in model's top class for it (checked against the model by hand). */
  enum Sentence {
    LOVE("I love this product, it works great!", "positive"),
    WONDERFUL("What a wonderful, happy day.", "positive"),
    TERRIBLE("This is terrible. I want my money back.", "negative"),
    AWFUL("The service was awful and the food was bad.", "negative"),
    TUESDAY("The package arrived on Tuesday.", "neutral"),
    MEETING("The meeting is at noon in room 4.", "neutral");

    final String text;
    final String expectedClass;

    Sentence(String text, String expectedClass) {
      this.text = text;
      this.expectedClass = expectedClass;
    }
  }

  /**
   * A Modzy-style job ({@code POST /api/jobs}) of the sentiment model over {@code items}, as plain text or as
   * base64 ({@code embedded}, half of them with a {@code data:} prefix).
   */
  record SentimentJob(boolean embedded, Map<String, Sentence> items) implements Submission {
    public SentimentJob {
      items = Map.copyOf(items);
    }

    @Override
    public Kind kind() {
      return embedded ? Kind.EMBEDDED : Kind.TEXT;
    }

    @Override
    public int size() {
      return items.size();
    }

    @Override
    public HttpRequest request(Client client) {
      ObjectNode body = JSON.createObjectNode();
      body.putObject("model").put("identifier", "ed542963de").put("version", "0.0.27");
      body.put("explain", false).put("timeout", 600_000);
      ObjectNode input = body.putObject("input");
      input.put("type", embedded ? "embedded" : "text");
      ObjectNode sources = input.putObject("sources");
      int n = 0;
      for (Map.Entry<String, Sentence> item : items.entrySet()) {
        String text = item.getValue().text;
        String value = !embedded ? text
            : (n++ % 2 == 0 ? "data:text/plain;base64," : "")
                + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        sources.putObject(item.getKey()).put("input.txt", value);
      }
      return client.request("/api/jobs").header("Content-Type", "application/json")
          .POST(BodyPublishers.ofString(body.toString())).build();
    }
  }

  /**
   * An on-demand job ({@code POST /api/v1/jobs}, multipart) of the tabular model over a CSV file of whole-number
   * points; its output file must hold, per input row and in order, {@code a = x + y}, {@code b = x * y} and
   * {@code c = pos} when {@code x * y >= 0}, else {@code neg}.
   */
  record CsvJob(List<Point> rows) implements Submission {
    record Point(long x, long y) {}

    public CsvJob {
      rows = List.copyOf(rows);
    }

    @Override
    public Kind kind() {
      return Kind.CSV;
    }

    @Override
    public int size() {
      return rows.size();
    }

    String csv() {
      StringBuilder csv = new StringBuilder("x,y\n");
      for (Point row : rows) {
        csv.append(row.x()).append(',').append(row.y()).append('\n');
      }
      return csv.toString();
    }

    @Override
    public HttpRequest request(Client client) {
      String boundary = "soak-" + UUID.randomUUID();
      String body = "--" + boundary + "\r\n"
          + "Content-Disposition: form-data; name=\"data\"\r\n"
          + "Content-Type: application/json\r\n\r\n"
          + "{\"model\": \"tabular-demo\", \"mimeType\": \"text/csv; header=present\"}\r\n"
          + "--" + boundary + "\r\n"
          + "Content-Disposition: form-data; name=\"file\"; filename=\"points.csv\"\r\n"
          + "Content-Type: text/csv\r\n\r\n"
          + csv() + "\r\n"
          + "--" + boundary + "--\r\n";
      return client.request("/api/v1/jobs").header("Content-Type", "multipart/form-data; boundary=" + boundary)
          .POST(BodyPublishers.ofString(body)).build();
    }
  }

  /** Item names of a sentiment job: {@code item-1} ... {@code item-n}. */
  static Map<String, Sentence> itemsOf(List<Sentence> sentences) {
    Map<String, Sentence> items = new LinkedHashMap<>();
    for (int i = 0; i < sentences.size(); i++) {
      items.put("item-" + (i + 1), sentences.get(i));
    }
    return items;
  }
}
