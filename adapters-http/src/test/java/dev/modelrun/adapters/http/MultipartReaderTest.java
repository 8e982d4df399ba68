package dev.modelrun.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MultipartReaderTest {
  record Read(MultipartReader.Part part, byte[] content) {}

  static List<Read> readAll(byte[] body, String boundary, Random cuts) {
    InputStream in = new ByteArrayInputStream(body);
    if (cuts != null) {
      in = new FilterInputStream(in) {
        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          return super.read(b, off, Math.min(len, 1 + cuts.nextInt(97)));
        }
      };
    }
    MultipartReader reader = MultipartReader.of(in, boundary, Long.MAX_VALUE);
    List<Read> parts = new ArrayList<>();
    for (var part = reader.next(); part.isPresent(); part = reader.next()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      reader.copyTo(out, Long.MAX_VALUE, "part");
      parts.add(new Read(part.get(), out.toByteArray()));
    }
    return parts;
  }

  @Test
  void reads_fields_and_files_with_their_names_file_names_and_types() {
    byte[] body = new Multipart().field("data", null, "{\"a\":1}")
        .file("file", "C:\\\\dir\\\\records.csv", "text/csv", "x,y\r\n1,2".getBytes(StandardCharsets.UTF_8)).build();

    List<Read> parts = readAll(body, Multipart.BOUNDARY, null);

    assertThat(parts).hasSize(2);
    assertThat(parts.get(0).part().name()).isEqualTo("data");
    assertThat(parts.get(0).part().hasFileName()).isFalse();
    assertThat(new String(parts.get(0).content(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
    assertThat(parts.get(1).part().fileName()).isEqualTo("records.csv");
    assertThat(parts.get(1).part().contentType()).isEqualTo("text/csv");
    assertThat(new String(parts.get(1).content(), StandardCharsets.UTF_8)).isEqualTo("x,y\r\n1,2");
  }

  @Test
  void random_binary_parts_come_back_byte_for_byte_however_the_stream_is_cut() {
    Random random = new Random(42);
    for (int round = 0; round < 300; round++) {
      Multipart multipart = new Multipart();
      List<byte[]> contents = new ArrayList<>();
      int count = 1 + random.nextInt(4);
      for (int i = 0; i < count; i++) {
        byte[] content = new byte[random.nextInt(random.nextBoolean() ? 100 : 200_000)];
        random.nextBytes(content);
        // why: plant near-boundaries, which must be read as content.
        if (content.length > 20) {
          byte[] near = ("\r\n--" + Multipart.BOUNDARY.substring(0, 10)).getBytes(StandardCharsets.US_ASCII);
          System.arraycopy(near, 0, content, random.nextInt(content.length - near.length), near.length);
        }
        contents.add(content);
        multipart.file("p" + i, "f" + i, "application/octet-stream", content);
      }
      List<Read> parts = readAll(multipart.build(), Multipart.BOUNDARY, random);
      assertThat(parts).hasSize(count);
      for (int i = 0; i < count; i++) {
        assertThat(parts.get(i).part().name()).isEqualTo("p" + i);
        assertThat(parts.get(i).content()).isEqualTo(contents.get(i));
      }
    }
  }

  @Test
  void a_part_over_its_limit_is_a_413_and_a_body_over_the_cap_too() {
    byte[] body = new Multipart().file("file", "f", null, new byte[1000]).build();
    MultipartReader reader = MultipartReader.of(new ByteArrayInputStream(body), Multipart.BOUNDARY, Long.MAX_VALUE);
    reader.next();
    assertThatThrownBy(() -> reader.copyTo(new ByteArrayOutputStream(), 999, "part 'file'"))
        .isInstanceOfSatisfying(HttpProblem.class, p -> assertThat(p.status()).isEqualTo(413));

    MultipartReader capped = MultipartReader.of(new ByteArrayInputStream(body), Multipart.BOUNDARY, 500);
    assertThatThrownBy(() -> {
      capped.next();
      capped.copyTo(new ByteArrayOutputStream(), Long.MAX_VALUE, "part");
    }).isInstanceOfSatisfying(HttpProblem.class, p -> assertThat(p.status()).isEqualTo(413));
  }

  @Test
  void a_body_without_its_closing_boundary_or_part_name_is_a_400() {
    byte[] truncated = ("--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nhello")
        .getBytes(StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> readAll(truncated, "b", null))
        .isInstanceOfSatisfying(HttpProblem.class, p -> assertThat(p.status()).isEqualTo(400))
        .hasMessageContaining("closing boundary");

    byte[] nameless = ("--b\r\nContent-Disposition: form-data\r\n\r\nhello\r\n--b--\r\n")
        .getBytes(StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> readAll(nameless, "b", null)).hasMessageContaining("no name");

    assertThatThrownBy(() -> readAll("no boundary at all".getBytes(StandardCharsets.US_ASCII), "b", null))
        .isInstanceOfSatisfying(HttpProblem.class, p -> assertThat(p.status()).isEqualTo(400));
  }

  @Test
  void parameters_are_read_with_quotes_escapes_and_any_case() {
    assertThat(MultipartReader.parameters("form-data; NAME=\"a;b\"; filename=\"x\\\"y.csv\"; size=3"))
        .containsEntry("name", "a;b").containsEntry("filename", "x\"y.csv").containsEntry("size", "3");
    assertThat(MultipartReader.parameters("multipart/form-data; boundary=----abc")).containsEntry("boundary",
        "----abc");
  }

  @Test
  void a_body_the_client_breaks_off_mid_read_is_a_400_not_a_server_error() {
    InputStream broken = new InputStream() {
      private int left = 20;

      @Override
      public int read() throws IOException {
        if (left-- <= 0) {
          throw new EOFException("Early EOF");
        }
        return '-';
      }
    };
    assertThatThrownBy(() -> MultipartReader.of(broken, "b", Long.MAX_VALUE).next())
        .isInstanceOfSatisfying(HttpProblem.class, p -> assertThat(p.status()).isEqualTo(400))
        .hasMessage("the request body could not be read to its end");
  }
}
