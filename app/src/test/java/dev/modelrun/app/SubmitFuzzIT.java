package dev.modelrun.app;

import static dev.modelrun.app.RunningServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelrun.adapters.http.testkit.OpenApiContract;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Throws generated malformed bodies and headers at the submit routes ({@code POST /api/jobs}, a chunk, {@code POST
 * /api/v1/jobs}) from a seeded random source: every answer must be a 4xx in the contract's shape, and the fuzzing key
 * must own no job afterwards.
 */
class SubmitFuzzIT {
  static final int REQUESTS = 10_000;
  static final long SEED = 20_261_124L;
  static final String FUZZ_KEY = "fuzz.fuzz-secret-000000";
  static final String VALID = "{\"model\": {\"identifier\": \"ed542963de\", \"version\": \"0.0.27\"}, \"explain\": false,"
      + " \"timeout\": 60000, \"hoursDeleteInput\": 1, \"input\": {\"type\": \"text\", \"sources\": {\"my-item\":"
      + " {\"input.txt\": \"I love it\"}}}}";
  static final List<String> NOT_JSON_TYPES = List.of("text/plain", "application/xml", "text/csv", "image/png",
      "application/octet-stream", "multipart/form-data; boundary=x", "text/html; charset=utf-8", "video/*");
  static final String[] BAD_VALUES = {"\"\"", "\"x\"", "1", "-1", "0.5", "true", "false", "[]", "[1,\"a\"]", "{}",
      "{\"a\":{\"b\":[]}}", "\"\\u0000\"", "1e999", "\"" + "z".repeat(300) + "\""};

  static RunningServer server;

  @BeforeAll
  static void start() {
    server = new RunningServer("fuzz.fuzz-secret-000000=fuzz/fuzz/fuzz,alpha.alpha-secret-0123456789=acme/red/ann");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** One generated request: what it is (for failure messages) and the request itself. */
  record Case(String label, HttpRequest request) {}

  @Test
  void ten_thousand_malformed_requests_get_4xx_answers_and_create_no_job() throws Exception {
    Random random = new Random(SEED);
    List<Case> cases = new ArrayList<>(REQUESTS);
    for (int i = 0; i < REQUESTS; i++) {
      cases.add(generate(random, i));
    }
    Map<String, String> failures = new ConcurrentHashMap<>();
    Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    AtomicInteger answered = new AtomicInteger();
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      List<Future<?>> futures = new ArrayList<>();
      for (Case c : cases) {
        futures.add(pool.submit(() -> {
          try {
            HttpResponse<String> response = server.client.send(c.request(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            answered.incrementAndGet();
            statuses.computeIfAbsent(response.statusCode(), code -> new AtomicInteger()).incrementAndGet();
            if (response.statusCode() < 400 || response.statusCode() >= 500 || !isErrorBody(response)) {
              failures.putIfAbsent(c.label(), response.statusCode() + " " + response.body());
            }
            OpenApiContract.SERVED.violations(c.request(), response).forEach(violation ->
                failures.putIfAbsent(c.label(), "openapi.json: " + violation.getMessage()));
          } catch (java.io.IOException e) {
            // why: the server may close the connection of a request it refused before reading all of it (413).
            answered.incrementAndGet();
          }
          return null;
        }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    }

    assertThat(answered.get()).isEqualTo(REQUESTS);
    assertThat(failures).as("requests answered with a non-4xx, without the error body, or unlike openapi.json")
        .isEmpty();
    assertThat(statuses).as("the generator reaches every refusal").containsKeys(400, 401, 404, 413, 415);
    HttpResponse<String> history = server.get("/api/jobs/history?per-page=1000", FUZZ_KEY);
    assertThat(history.headers().firstValue("X-Total-Count")).contains("0");
    assertThat(json(server.get("/api/v1/jobs/latest?limit=1000", FUZZ_KEY)).path("data").size()).isZero();
  }

  private static boolean isErrorBody(HttpResponse<String> response) {
    var body = json(response);
    return body.has("isError") ? body.path("isError").asBoolean() && body.path("data").isNull()
        : body.path("statusCode").asInt() == response.statusCode() && body.hasNonNull("message");
  }

  private static Case generate(Random random, int index) {
    int kind = random.nextInt(100);
    if (kind < 55) {
      String body = malformedJob(random);
      return new Case("json " + index + ": " + clip(body), post("/api/jobs", FUZZ_KEY, "application/json", body));
    }
    if (kind < 63) {
      String type = NOT_JSON_TYPES.get(random.nextInt(NOT_JSON_TYPES.size()));
      return new Case("media type " + type, post("/api/jobs", FUZZ_KEY, type, VALID));
    }
    if (kind < 68) {
      String key = "idem-" + "k".repeat(256 + random.nextInt(500));
      HttpRequest request = base("/api/jobs", FUZZ_KEY).header("Content-Type", "application/json")
          .header("Idempotency-Key", key).POST(BodyPublishers.ofString(VALID)).build();
      return new Case("long idempotency key " + index, request);
    }
    if (kind < 74) {
      String auth = randomAuthorization(random);
      HttpRequest request = HttpRequest.newBuilder(uri("/api/jobs")).timeout(Duration.ofSeconds(30))
          .header("Authorization", auth).header("Content-Type", "application/json")
          .POST(BodyPublishers.ofString(VALID)).build();
      return new Case("authorization '" + clip(auth) + "'", request);
    }
    if (kind < 75) {
      String body = VALID.replace("I love it", "x".repeat((int) RunningServer.MAX_UPLOAD));
      return new Case("oversized " + index, post("/api/jobs", FUZZ_KEY, "application/json", body));
    }
    if (kind < 86) {
      byte[] body = malformedUpload(random);
      String contentType = random.nextInt(10) == 0 ? "multipart/form-data"
          : "multipart/form-data; boundary=" + (random.nextInt(8) == 0 ? "other" : "fz");
      return new Case("upload " + index + ": " + clip(new String(body, StandardCharsets.ISO_8859_1)),
          post("/api/v1/jobs", FUZZ_KEY, contentType, body));
    }
    byte[] body = random.nextBoolean() ? randomBytes(random, 1 + random.nextInt(300))
        : ("--fz\r\nContent-Disposition: form-data; name=\"input\"\r\n\r\n" + randomText(random) + "\r\n--fz--\r\n")
            .getBytes(StandardCharsets.UTF_8);
    String path = "/api/jobs/" + UUID.randomUUID() + "/item-" + random.nextInt(5) + "/input.txt";
    return new Case("chunk " + index, post(path, FUZZ_KEY, "multipart/form-data; boundary=fz", body));
  }

  /** A job body that is wrong in one way chosen at random; none of these ways can yield a valid job. */
  private static String malformedJob(Random random) {
    String v = BAD_VALUES[random.nextInt(BAD_VALUES.length)];
    return switch (random.nextInt(16)) {
      case 0 -> VALID.substring(0, random.nextInt(VALID.length()));
      case 1 -> new String(randomBytes(random, 1 + random.nextInt(200)), StandardCharsets.ISO_8859_1);
      case 2 -> VALID.replace("{\"identifier\": \"ed542963de\", \"version\": \"0.0.27\"}", nonObject(v));
      case 3 -> VALID.replace("\"ed542963de\"", nonString(v));
      case 4 -> VALID.replace("\"ed542963de\"", "\"no-such-model-" + random.nextInt(1000) + "\"");
      case 5 -> VALID.replace("\"0.0.27\"", "\"9." + random.nextInt(1000) + "\"");
      case 6 -> VALID.replace("\"explain\": false", "\"explain\": " + nonBoolean(v));
      case 7 -> VALID.replace("\"timeout\": 60000", "\"timeout\": " + badTimeout(random, v));
      case 8 -> VALID.replace("\"hoursDeleteInput\": 1", "\"hoursDeleteInput\": " + badHours(random, v));
      case 9 -> VALID.replace("\"type\": \"text\"", "\"type\": " + (random.nextBoolean() ? nonString(v)
          : "\"" + randomWord(random) + "\""));
      case 10 -> VALID.replace("{\"my-item\": {\"input.txt\": \"I love it\"}}", nonObject(v).equals("{}") ? "[]"
          : nonObject(v));
      case 11 -> VALID.replace("{\"input.txt\": \"I love it\"}", nonObject(v).equals("{}") ? "7" : nonObject(v));
      case 12 -> VALID.replace("\"I love it\"", nonString(v));
      case 13 -> VALID.replace("\"input.txt\"", "\"" + randomWord(random) + ".bin\"");
      case 14 -> "{\"model\": " + "[".repeat(70 + random.nextInt(500)) + "]".repeat(10);
      default -> VALID.replace("\"type\": \"text\"", "\"type\": \"embedded\"").replace("\"I love it\"",
          "\"" + randomText(random).replace("\"", "") + "!*\"");
    };
  }

  private static byte[] malformedUpload(Random random) {
    String data = switch (random.nextInt(6)) {
      case 0 -> "{\"model\": " + BAD_VALUES[random.nextInt(BAD_VALUES.length)].replace("\"x\"", "1") + "}";
      case 1 -> "{\"model\": \"tabular-demo\", \"mimeType\": \"" + randomWord(random) + "/x\"}";
      case 2 -> "{\"model\": \"tabular-demo\"}";
      case 3 -> "{\"model\": \"tabular-demo\", \"mimeType\": \"text/csv\", \"mapping\": "
          + BAD_VALUES[random.nextInt(BAD_VALUES.length)].replace("[]", "7") + "}";
      case 4 -> randomText(random);
      default -> "{\"model\": \"tabular-demo\", \"mimeType\": \"text/csv\"";
    };
    String file = "x,y\n" + random.nextInt(100) + "," + random.nextInt(100) + "\n";
    StringBuilder body = new StringBuilder();
    if (random.nextInt(7) != 0) {
      body.append("--fz\r\nContent-Disposition: form-data; name=\"data\"\r\n\r\n").append(data).append("\r\n");
    }
    if (random.nextInt(7) != 0) {
      body.append("--fz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f.csv\"\r\n")
          .append("Content-Type: text/csv\r\n\r\n").append(file).append("\r\n");
    }
    if (random.nextInt(5) != 0) {
      body.append("--fz--\r\n");
    }
    byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
    if (random.nextInt(6) == 0 && bytes.length > 4) {
      bytes = java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length));
    }
    return bytes;
  }

  private static String nonObject(String v) {
    return v.startsWith("{") ? "[{}]" : v;
  }

  private static String nonString(String v) {
    return v.startsWith("\"") ? "{\"s\": " + v + "}" : v;
  }

  private static String nonBoolean(String v) {
    return v.equals("true") || v.equals("false") ? "\"" + v + "\"" : v;
  }

  private static String badTimeout(Random random, String v) {
    return switch (random.nextInt(4)) {
      case 0 -> "-" + (1 + random.nextInt(100000));
      case 1 -> "\"soon\"";
      case 2 -> "99999999999999999999";
      default -> v.matches("-?\\d+") ? "[" + v + "]" : v.equals("0.5") ? "{}" : v;
    };
  }

  private static String badHours(Random random, String v) {
    return switch (random.nextInt(3)) {
      case 0 -> "-" + (1 + random.nextInt(100));
      case 1 -> "1000000";
      default -> v.matches("\\d+") ? "\"" + v + "h\"" : v.equals("0.5") ? "{}" : v;
    };
  }

  private static String randomAuthorization(Random random) {
    return switch (random.nextInt(6)) {
      case 0 -> "ApiKey";
      case 1 -> "ApiKey " + randomWord(random);
      case 2 -> "ApiKey fuzz." + randomWord(random);
      case 3 -> "Basic " + randomWord(random);
      case 4 -> "ApiKey " + "a".repeat(600) + "." + "b".repeat(600);
      default -> "ApiKey alpha.alpha-secret-012345678" + random.nextInt(9) + "x";
    };
  }

  private static String randomWord(Random random) {
    int length = 1 + random.nextInt(12);
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < length; i++) {
      word.append((char) ('a' + random.nextInt(26)));
    }
    return word.toString();
  }

  private static String randomText(Random random) {
    return new String(randomBytes(random, 1 + random.nextInt(80)), StandardCharsets.ISO_8859_1)
        .replace("\r", "").replace("\n", "");
  }

  private static byte[] randomBytes(Random random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    if (bytes[0] == '{' || bytes[0] == '[') {
      bytes[0] = '#';
    }
    return bytes;
  }

  private static String clip(String text) {
    return text.length() > 160 ? text.substring(0, 160) + "..." : text;
  }

  private static URI uri(String path) {
    return URI.create(server.url() + path);
  }

  private static HttpRequest.Builder base(String path, String key) {
    return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).header("Authorization", "ApiKey " + key);
  }

  private static HttpRequest post(String path, String key, String contentType, String body) {
    return base(path, key).header("Content-Type", contentType)
        .POST(BodyPublishers.ofString(body, StandardCharsets.ISO_8859_1)).build();
  }

  private static HttpRequest post(String path, String key, String contentType, byte[] body) {
    return base(path, key).header("Content-Type", contentType).POST(BodyPublishers.ofByteArray(body)).build();
  }
}
