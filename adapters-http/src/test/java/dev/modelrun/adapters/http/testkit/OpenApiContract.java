package dev.modelrun.adapters.http.testkit;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import dev.modelrun.adapters.http.HttpEdge;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Flow;
import java.util.stream.Collectors;

/**
 * The served {@code openapi.json}, read by a real OpenAPI validator (Atlassian's): {@link #check} fails a test whose
 * answer the document does not describe (status, content type, headers, body schema), and, when the server took the
 * request, whose request the document would have refused.
 */
public final class OpenApiContract {
  /** The document HttpEdge serves, parsed once for every test. */
  public static final OpenApiContract SERVED = new OpenApiContract(served());

  // why: the framework answers a path or method no route has (404, 405); such answers describe no operation.
  private static final Set<String> NO_OPERATION =
      Set.of("validation.request.path.missing", "validation.request.operation.notAllowed");

  private final OpenApiInteractionValidator validator;

  private OpenApiContract(String document) {
    this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(document).build();
  }

  /** The text of the document, as HttpEdge serves it at {@code /openapi.json}. */
  public static String served() {
    try (InputStream in = HttpEdge.class.getResourceAsStream("/dev/modelrun/adapters/http/openapi.json")) {
      if (in == null) {
        throw new IllegalStateException("openapi.json is not on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @throws AssertionError naming every difference between the exchange and the document */
  public void check(HttpRequest request, HttpResponse<String> response) {
    List<ValidationReport.Message> errors = violations(request, response);
    if (!errors.isEmpty()) {
      throw new AssertionError("openapi.json does not describe " + request.method() + " " + request.uri().getPath()
          + " -> " + response.statusCode() + " " + response.body() + ":\n" + errors.stream()
          .map(message -> "  " + message.getKey() + ": " + message.getMessage() + message.getAdditionalInfo().stream()
              .map(info -> "\n    " + info).collect(Collectors.joining()))
          .collect(Collectors.joining("\n")));
    }
  }

  /** The errors of one exchange; empty when the document describes it. */
  public List<ValidationReport.Message> violations(HttpRequest request, HttpResponse<String> response) {
    Request asSent = request(request);
    SimpleResponse.Builder answer = new SimpleResponse.Builder(response.statusCode()).withBody(response.body());
    response.headers().map().forEach(answer::withHeader);
    ValidationReport report = isSuccess(response.statusCode())
        ? validator.validate(asSent, answer.build())
        : validator.validateResponse(asSent.getPath(), asSent.getMethod(), answer.build());
    boolean framework = response.statusCode() == 404 || response.statusCode() == 405;
    return errors(report).stream().filter(message -> !(framework && NO_OPERATION.contains(message.getKey()))).toList();
  }

  /** The validator itself, for checks of the document's own parts (its examples). */
  public OpenApiInteractionValidator validator() {
    return validator;
  }

  /** The errors of a report, without its notes. */
  public static List<ValidationReport.Message> errors(ValidationReport report) {
    return report.getMessages().stream().filter(message -> message.getLevel() == ValidationReport.Level.ERROR).toList();
  }

  private static boolean isSuccess(int status) {
    return status >= 200 && status < 300;
  }

  private static Request request(HttpRequest request) {
    URI uri = request.uri();
    SimpleRequest.Builder builder = new SimpleRequest.Builder(request.method(), uri.getRawPath());
    request.headers().map().forEach(builder::withHeader);
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&")) {
        int equals = pair.indexOf('=');
        String name = equals < 0 ? pair : pair.substring(0, equals);
        String value = equals < 0 ? "" : pair.substring(equals + 1);
        builder.withQueryParam(URLDecoder.decode(name, StandardCharsets.UTF_8),
            URLDecoder.decode(value, StandardCharsets.UTF_8));
      }
    }
    request.bodyPublisher().map(OpenApiContract::bytes).filter(body -> body.length > 0).ifPresent(builder::withBody);
    return builder.build();
  }

  // why: HttpRequest keeps its body only as a publisher; the test bodies (strings, byte arrays) publish at once.
  private static byte[] bytes(HttpRequest.BodyPublisher publisher) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    publisher.subscribe(new Flow.Subscriber<>() {
      @Override
      public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(ByteBuffer item) {
        byte[] chunk = new byte[item.remaining()];
        item.get(chunk);
        out.writeBytes(chunk);
      }

      @Override
      public void onError(Throwable failure) {
        throw new IllegalStateException("cannot read the request body", failure);
      }

      @Override
      public void onComplete() {
        // the bytes are in out
      }
    });
    return out.toByteArray();
  }
}
