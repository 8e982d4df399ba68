package dev.modelrun.adapters.oip;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.core.functions.CheckedSupplier;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Calls one model on an Open Inference Protocol server: {@code POST .../infer}, and the readiness routes. A call is
 * retried with exponential backoff after a connection error, 429 or 503 (never after another 4xx, a timeout or a
 * 5xx that says the request failed), and passes through a circuit breaker, so a server that keeps failing fails its
 * calls at once instead of holding every worker for its timeouts. Thread-safe.
 */
public final class OipClient {
  // why: Jackson keeps its buffers per thread by default, and each call of a model runs on a new virtual thread, so
  // every read and write would allocate its buffers afresh; a shared pool hands them from call to call.
  static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
      .recyclerPool(JsonRecyclerPools.newConcurrentDequePool())
      .build())
      // why: numbers keep every digit the server sent; a tabular NUMBER output is exact, as the client's inputs are.
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static final int MAX_ERROR_CHARS = 300;

  private final HttpClient http;
  private final OipEndpoint endpoint;
  private final Resilience resilience;
  private final URI inferUri;
  private final CircuitBreaker breaker;
  private final Retry retry;

  OipClient(HttpClient http, OipEndpoint endpoint, Resilience resilience) {
    this.http = requireNonNull(http, "http");
    this.endpoint = requireNonNull(endpoint, "endpoint");
    this.resilience = requireNonNull(resilience, "resilience");
    this.inferUri = endpoint.modelUri("/infer");
    this.breaker = CircuitBreaker.of(endpoint.toString(), CircuitBreakerConfig.custom()
        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(Math.max(10, 2 * resilience.breakerMinimumCalls()))
        .minimumNumberOfCalls(resilience.breakerMinimumCalls())
        .failureRateThreshold(50)
        .waitDurationInOpenState(resilience.breakerOpenFor())
        .permittedNumberOfCallsInHalfOpenState(2)
        .recordException(e -> e instanceof ModelServerException failure && failure.serverSide())
        .ignoreExceptions(InterruptedException.class)
        .build());
    this.retry = Retry.of(endpoint.toString(), RetryConfig.custom()
        .maxAttempts(resilience.maxAttempts())
        .intervalFunction(IntervalFunction.ofExponentialBackoff(resilience.backoff(), 2.0))
        .retryOnException(e -> e instanceof ModelServerException failure && failure.retryable())
        .failAfterMaxAttempts(false)
        .build());
  }

  public OipEndpoint endpoint() {
    return endpoint;
  }

  /** How long a request waits to connect to the server. */
  public Duration connectTimeout() {
    return http.connectTimeout().orElseThrow();
  }

  /** The circuit breaker's state: {@code CLOSED} (calls go through), {@code OPEN} (they fail at once), ... */
  public String circuitState() {
    return breaker.getState().name();
  }

  /**
   * Sends an inference request and returns the server's answer.
   *
   * @throws ModelServerException naming the server and model, when it did not answer with 200 and a JSON object, or
   *     its circuit is open
   * @throws InterruptedException when the calling thread was interrupted (the request is abandoned)
   */
  public JsonNode infer(ObjectNode request) throws ModelServerException, InterruptedException {
    byte[] body;
    try {
      body = JSON.writeValueAsBytes(request);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("the inference request cannot be written as JSON", e);
    }
    return infer(body);
  }

  /** Sends an inference request already written as JSON; as {@link #infer(ObjectNode)}. */
  JsonNode infer(byte[] body) throws ModelServerException, InterruptedException {
    // why: the breaker counts calls, not attempts: a 503 that a retry got past is no sign of a failing server.
    CheckedSupplier<JsonNode> call = CircuitBreaker.decorateCheckedSupplier(breaker,
        Retry.decorateCheckedSupplier(retry, () -> post(body)));
    try {
      return call.get();
    } catch (CallNotPermittedException e) {
      throw new ModelServerException("model server " + endpoint + " is failing: calls to it are refused for up to "
          + resilience.breakerOpenFor().toSeconds() + " s after repeated failures", 0, false, e);
    } catch (ModelServerException | InterruptedException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new ModelServerException("model server " + endpoint + ": " + e, 0, false, e);
    }
  }

  /** Whether the server says it is ready ({@code /v2/health/ready}) and so is the model ({@code .../ready}). */
  public boolean ready() throws InterruptedException {
    return ok(endpoint.serverReadyUri()) && ok(endpoint.modelUri("/ready"));
  }

  private boolean ok(URI uri) throws InterruptedException {
    try {
      HttpRequest request = HttpRequest.newBuilder(uri).timeout(resilience.requestTimeout()).GET().build();
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  private JsonNode post(byte[] body) throws ModelServerException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(inferUri)
        .timeout(resilience.requestTimeout())
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpConnectTimeoutException e) {
      throw new ModelServerException("model server " + endpoint + " could not be reached: connecting timed out", 0,
          true, e);
    } catch (HttpTimeoutException e) {
      throw new ModelServerException("model server " + endpoint + " did not answer within "
          + resilience.requestTimeout().toMillis() + " ms", 0, false, e);
    } catch (IOException e) {
      throw new ModelServerException("model server " + endpoint + " could not be reached: " + describe(e), 0, true,
          e);
    }
    int status = response.statusCode();
    if (status != 200) {
      throw new ModelServerException("model server " + endpoint + " answered " + status + ": "
          + errorText(response.body()), status, status == 429 || status == 503, null);
    }
    try {
      JsonNode answer = JSON.readTree(response.body());
      if (answer == null || !answer.isObject()) {
        throw new ModelServerException("model server " + endpoint + " answered with JSON that is not an object", status,
            false, null);
      }
      return answer;
    } catch (IOException e) {
      throw new ModelServerException("model server " + endpoint + " answered with a body that is not JSON", status,
          false, e);
    }
  }

  // why: OIP servers put the reason in {"error": "..."}; anything else is shown as text, cut short.
  private static String errorText(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8).strip();
    try {
      JsonNode error = JSON.readTree(body);
      if (error != null && error.path("error").isTextual()) {
        text = error.path("error").asText();
      }
    } catch (IOException e) {
      // not JSON: the text as it is
    }
    if (text.isEmpty()) {
      return "(no message)";
    }
    return text.length() > MAX_ERROR_CHARS ? text.substring(0, MAX_ERROR_CHARS) + "..." : text;
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }
}
