package dev.modelrun.adapters.http;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;

/** Reads request bodies under a size limit that is enforced while reading, and checks their media types. */
final class Bodies {
  private Bodies() {}

  /**
   * The whole body, at most {@code limit} bytes.
   *
   * @throws HttpProblem 413 as soon as the declared length or the bytes read pass the limit
   */
  static byte[] read(Context ctx, long requestedLimit) {
    // why: a body read into memory is one array, which holds at most about 2 GiB.
    long limit = Math.min(requestedLimit, Integer.MAX_VALUE - 16);
    long declared = declaredLength(ctx);
    if (declared > limit) {
      throw tooLarge(limit);
    }
    try (InputStream in = ctx.bodyInputStream()) {
      if (declared >= 0) {
        // why: with a known length, one exact read; Jetty itself refuses a body longer than it declared.
        return in.readNBytes((int) declared);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
      byte[] buffer = new byte[8 * 1024];
      long total = 0;
      int n;
      while ((n = in.read(buffer)) >= 0) {
        total += n;
        if (total > limit) {
          throw tooLarge(limit);
        }
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the request body", e);
    }
  }

  /** The Content-Length the client declared, or -1 when it sent none (chunked) or nonsense. */
  static long declaredLength(Context ctx) {
    String header = ctx.header("Content-Length");
    if (header == null) {
      return -1;
    }
    try {
      return Long.parseLong(header.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  static HttpProblem tooLarge(long limit) {
    return HttpProblem.tooLarge("request body is larger than the limit of " + limit + " bytes");
  }

  /**
   * Requires a JSON body: {@code application/json}, a {@code +json} type, no content type at all, or curl's default
   * form type for {@code -d}.
   *
   * @throws HttpProblem 415 for any other media type
   */
  static void requireJson(Context ctx) {
    String essence = essence(ctx.header("Content-Type"));
    // why: `curl -d` sends application/x-www-form-urlencoded unless told otherwise; the body is still read as JSON.
    boolean ok = essence.isEmpty() || essence.equals("application/json") || essence.endsWith("+json")
        || essence.equals("application/x-www-form-urlencoded");
    if (!ok) {
      throw HttpProblem.unsupportedMediaType("Content-Type must be application/json but was '"
          + Text.clip(ctx.header("Content-Type")) + "'");
    }
  }

  /** The type and subtype of a Content-Type header, lower case; empty when there is none. */
  static String essence(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
  }
}
