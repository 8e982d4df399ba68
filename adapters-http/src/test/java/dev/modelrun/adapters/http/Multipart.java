package dev.modelrun.adapters.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds multipart/form-data bodies for tests. */
final class Multipart {
  static final String BOUNDARY = "----modelrun-test-boundary-7MA4YWxk";
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  Multipart field(String name, String contentType, String value) {
    return part(name, null, contentType, value.getBytes(StandardCharsets.UTF_8));
  }

  Multipart file(String name, String fileName, String contentType, byte[] content) {
    return part(name, fileName, contentType, content);
  }

  Multipart part(String name, String fileName, String contentType, byte[] content) {
    StringBuilder head = new StringBuilder("--").append(BOUNDARY).append("\r\n")
        .append("Content-Disposition: form-data; name=\"").append(name).append('"');
    if (fileName != null) {
      head.append("; filename=\"").append(fileName).append('"');
    }
    head.append("\r\n");
    if (contentType != null) {
      head.append("Content-Type: ").append(contentType).append("\r\n");
    }
    head.append("\r\n");
    out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
    out.writeBytes(content);
    out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    return this;
  }

  byte[] build() {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.writeBytes(out.toByteArray());
    all.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return all.toByteArray();
  }

  static String contentType() {
    return "multipart/form-data; boundary=" + BOUNDARY;
  }
}
