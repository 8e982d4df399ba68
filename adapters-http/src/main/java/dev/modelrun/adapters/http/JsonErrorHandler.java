package dev.modelrun.adapters.http;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's answer to a request it cannot parse (a malformed URI, headers over the limit): the Modzy error body instead
 * of Jetty's HTML page, since the request never reaches the routes that would know its shape.
 */
final class JsonErrorHandler extends ErrorHandler {
  private final Json json;

  JsonErrorHandler(Json json) {
    this.json = json;
    setShowStacks(false);
    setShowServlet(false);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "application/json"));
    String message = "the request cannot be read: " + (reason == null ? ErrorTable.reason(status) : reason);
    return ByteBuffer.wrap(json.write(Views.modzyError(status, message)));
  }
}
