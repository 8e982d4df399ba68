package dev.modelrun.adapters.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.javalin.http.Context;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A streaming reader of {@code multipart/form-data} bodies (RFC 7578): parts are read one after the other and each
 * part's body is copied to a sink under its own limit, so no part is ever held whole in memory unless the caller asks.
 * The whole body is also capped: passing the cap while reading is a 413.
 */
final class MultipartReader {
  private static final int MAX_HEADER_BYTES = 16 * 1024;
  private static final int MAX_BOUNDARY = 200;

  /** The headers of one part: its form name, its file name (empty for a plain field) and its media type (or empty). */
  record Part(String name, String fileName, String contentType, boolean hasFileName) {}

  private final InputStream in;
  private final byte[] delimiter;
  private final byte[] buf;
  private int start;
  private int end;
  private boolean started;
  private boolean inPart;
  private boolean finished;
  private int partCount;

  private MultipartReader(InputStream in, String boundary) {
    this.in = in;
    this.delimiter = ("\r\n--" + boundary).getBytes(ISO_8859_1);
    this.buf = new byte[64 * 1024];
    // why: the first boundary has no CRLF before it; a virtual one makes every delimiter look the same.
    buf[0] = '\r';
    buf[1] = '\n';
    end = 2;
  }

  /**
   * Opens the body of a request as multipart.
   *
   * @throws HttpProblem 415 when the request is not {@code multipart/form-data}, 400 when it has no boundary, 413
   *     when its declared length passes {@code maxTotalBytes}
   */
  static MultipartReader open(Context ctx, long maxTotalBytes) {
    String contentType = ctx.header("Content-Type");
    if (!Bodies.essence(contentType).equals("multipart/form-data")) {
      throw HttpProblem.unsupportedMediaType("Content-Type must be multipart/form-data but was '"
          + Text.clip(String.valueOf(contentType)) + "'");
    }
    String boundary = parameters(contentType).get("boundary");
    if (boundary == null || boundary.isEmpty() || boundary.length() > MAX_BOUNDARY) {
      throw HttpProblem.badRequest("Content-Type multipart/form-data must carry a boundary of 1 to " + MAX_BOUNDARY
          + " characters");
    }
    if (Bodies.declaredLength(ctx) > maxTotalBytes) {
      throw Bodies.tooLarge(maxTotalBytes);
    }
    return new MultipartReader(new Capped(ctx.bodyInputStream(), maxTotalBytes), boundary);
  }

  /** Reads a body that is already in memory (tests, and bodies read earlier). */
  static MultipartReader of(InputStream in, String boundary, long maxTotalBytes) {
    return new MultipartReader(new Capped(in, maxTotalBytes), boundary);
  }

  /**
   * Moves to the next part, skipping what is left of the current one.
   *
   * @return the next part's headers, or empty after the closing boundary
   * @throws HttpProblem 400 when the body is not well-formed multipart
   */
  Optional<Part> next() {
    if (finished) {
      return Optional.empty();
    }
    if (!started || inPart) {
      copyBody(OutputStream.nullOutputStream(), Long.MAX_VALUE, "preamble");
      started = true;
    }
    if (!ensure(2)) {
      throw HttpProblem.badRequest("multipart body ends right after a boundary");
    }
    if (buf[start] == '-' && buf[start + 1] == '-') {
      finished = true;
      return Optional.empty();
    }
    String rest = readLine();
    if (!rest.isBlank()) {
      throw HttpProblem.badRequest("multipart boundary line has unexpected text after the boundary");
    }
    partCount++;
    Part part = readHeaders();
    inPart = true;
    return Optional.of(part);
  }

  /**
   * Copies the current part's body to {@code sink}.
   *
   * @return the number of bytes copied
   * @throws HttpProblem 413 when the part passes {@code maxBytes}
   */
  long copyTo(OutputStream sink, long maxBytes, String what) {
    if (!inPart) {
      throw new IllegalStateException("no current part");
    }
    return copyBody(sink, maxBytes, what);
  }

  /**
   * The current part's body as a stream over the request, read as it arrives (nothing of it is stored): it ends at
   * the part's end, after {@code atEnd} ran; the reader is then past the part, as after {@link #copyTo}.
   *
   * @throws HttpProblem from its reads: 413 when the part passes {@code maxBytes}, 400 when the body ends early
   */
  InputStream body(long maxBytes, String what, Runnable atEnd) {
    if (!inPart) {
      throw new IllegalStateException("no current part");
    }
    return new InputStream() {
      private long count;
      // buf[start, to) is body; when found, the delimiter starts at to
      private int to = -1;
      private boolean found;
      private boolean done;

      @Override
      public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
      }

      @Override
      public int read(byte[] into, int offset, int length) {
        if (done) {
          return -1;
        }
        if (length == 0) {
          return 0;
        }
        while (true) {
          if (start < to) {
            int n = Math.min(length, to - start);
            count += n;
            if (count > maxBytes) {
              throw HttpProblem.tooLarge("multipart " + what + " is larger than the limit of " + maxBytes + " bytes");
            }
            System.arraycopy(buf, start, into, offset, n);
            start += n;
            return n;
          }
          if (found) {
            start = to + delimiter.length;
            inPart = false;
            done = true;
            atEnd.run();
            return -1;
          }
          int at = indexOfDelimiter();
          if (at >= 0) {
            to = at;
            found = true;
            continue;
          }
          int safe = end - (delimiter.length - 1);
          if (safe > start) {
            to = safe;
            continue;
          }
          // why: fill moves the bytes to the start of the buffer; what was scanned is scanned again.
          to = -1;
          if (!fill()) {
            throw HttpProblem.badRequest("multipart body ends before its closing boundary");
          }
        }
      }
    };
  }

  private long copyBody(OutputStream sink, long maxBytes, String what) {
    long count = 0;
    try {
      while (true) {
        int at = indexOfDelimiter();
        if (at >= 0) {
          count = write(sink, at, count, maxBytes, what);
          start = at + delimiter.length;
          inPart = false;
          return count;
        }
        int safe = end - (delimiter.length - 1);
        if (safe > start) {
          count = write(sink, safe, count, maxBytes, what);
          start = safe;
        }
        if (!fill()) {
          throw HttpProblem.badRequest("multipart body ends before its closing boundary");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store the multipart " + what, e);
    }
  }

  private long write(OutputStream sink, int to, long count, long maxBytes, String what) throws IOException {
    long next = count + (to - start);
    if (next > maxBytes) {
      throw HttpProblem.tooLarge("multipart " + what + " is larger than the limit of " + maxBytes + " bytes");
    }
    sink.write(buf, start, to - start);
    return next;
  }

  private Part readHeaders() {
    String name = null;
    String fileName = "";
    boolean hasFileName = false;
    String contentType = "";
    int headerBytes = 0;
    while (true) {
      String line = readLine();
      headerBytes += line.length() + 2;
      if (headerBytes > MAX_HEADER_BYTES) {
        throw HttpProblem.badRequest("multipart part " + partCount + " has headers over " + MAX_HEADER_BYTES
            + " bytes");
      }
      if (line.isEmpty()) {
        break;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw HttpProblem.badRequest("multipart part " + partCount + " has a malformed header line");
      }
      String header = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).strip();
      if (header.equals("content-disposition")) {
        if (!Bodies.essence(value).equals("form-data")) {
          throw HttpProblem.badRequest("multipart part " + partCount + " must be form-data");
        }
        Map<String, String> params = parameters(value);
        name = params.get("name");
        if (params.containsKey("filename")) {
          fileName = params.get("filename");
          hasFileName = true;
        }
      } else if (header.equals("content-type")) {
        contentType = value;
      }
    }
    if (name == null || name.isEmpty()) {
      throw HttpProblem.badRequest("multipart part " + partCount + " has no name in its Content-Disposition");
    }
    return new Part(name, baseName(fileName), contentType, hasFileName);
  }

  // why: browsers on Windows used to send the full path; only the last segment is a file name.
  private static String baseName(String fileName) {
    int slash = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
    return slash < 0 ? fileName : fileName.substring(slash + 1);
  }

  private String readLine() {
    while (true) {
      for (int i = start; i < end; i++) {
        if (buf[i] == '\n') {
          int lineEnd = i > start && buf[i - 1] == '\r' ? i - 1 : i;
          String line = new String(buf, start, lineEnd - start, UTF_8);
          start = i + 1;
          return line;
        }
      }
      if (end - start >= MAX_HEADER_BYTES) {
        throw HttpProblem.badRequest("multipart header line is longer than " + MAX_HEADER_BYTES + " bytes");
      }
      if (!fill()) {
        throw HttpProblem.badRequest("multipart body ends inside the headers of a part");
      }
    }
  }

  private boolean ensure(int bytes) {
    while (end - start < bytes) {
      if (!fill()) {
        return false;
      }
    }
    return true;
  }

  /** Reads more bytes after compacting; false at the end of the stream. */
  private boolean fill() {
    if (start > 0) {
      System.arraycopy(buf, start, buf, 0, end - start);
      end -= start;
      start = 0;
    }
    if (end == buf.length) {
      throw new IllegalStateException("multipart buffer full");
    }
    try {
      int n = in.read(buf, end, buf.length - end);
      if (n < 0) {
        return false;
      }
      end += n;
      return true;
    } catch (IOException e) {
      // why: a body the client cut off or mis-encoded is its fault: a 400, not a 500 with a stack trace in the log.
      throw HttpProblem.badRequest("the request body could not be read to its end");
    }
  }

  private int indexOfDelimiter() {
    int last = end - delimiter.length;
    outer:
    for (int i = start; i <= last; i++) {
      if (buf[i] != '\r') {
        continue;
      }
      for (int j = 1; j < delimiter.length; j++) {
        if (buf[i + j] != delimiter[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** The parameters of a header value such as {@code form-data; name="a"; filename="b.csv"}, names lower case. */
  static Map<String, String> parameters(String headerValue) {
    Map<String, String> params = new LinkedHashMap<>();
    if (headerValue == null) {
      return params;
    }
    int i = headerValue.indexOf(';');
    int length = headerValue.length();
    while (i >= 0 && i < length) {
      i++;
      int eq = headerValue.indexOf('=', i);
      int semi = headerValue.indexOf(';', i);
      if (eq < 0 || (semi >= 0 && semi < eq)) {
        i = semi;
        continue;
      }
      String key = headerValue.substring(i, eq).strip().toLowerCase(Locale.ROOT);
      int v = eq + 1;
      while (v < length && headerValue.charAt(v) == ' ') {
        v++;
      }
      StringBuilder value = new StringBuilder();
      if (v < length && headerValue.charAt(v) == '"') {
        v++;
        while (v < length && headerValue.charAt(v) != '"') {
          char c = headerValue.charAt(v);
          if (c == '\\' && v + 1 < length) {
            v++;
            c = headerValue.charAt(v);
          }
          value.append(c);
          v++;
        }
        v++;
        i = headerValue.indexOf(';', Math.min(v, length));
      } else {
        int stop = headerValue.indexOf(';', v);
        value.append(headerValue, v, stop < 0 ? length : stop);
        i = stop;
      }
      params.putIfAbsent(key, value.toString().strip());
    }
    return params;
  }

  /** An input stream that answers 413 as soon as more than {@code cap} bytes were read. */
  private static final class Capped extends FilterInputStream {
    private final long cap;
    private long read;

    Capped(InputStream in, long cap) {
      super(in);
      this.cap = cap;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) {
      read += n;
      if (read > cap) {
        throw Bodies.tooLarge(cap);
      }
    }
  }
}
