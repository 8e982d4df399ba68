package dev.modelrun.adapters.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.io.ByteSource;
import dev.modelrun.core.model.CallerIdentity;
import dev.modelrun.core.model.FieldMapping;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.model.JobRequest;
import dev.modelrun.core.model.JobSpec;
import dev.modelrun.core.model.RecordFormat;
import dev.modelrun.core.model.UploadedFileInput;
import dev.modelrun.core.port.in.SubmitJobCommand;
import dev.modelrun.engine.ModelRunEngine;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DownloadRoutesTest {
  private static final CallerIdentity ALICE = new CallerIdentity("acme", "team-a", "alice", "keya");
  private static final byte[] SECRET = "a link secret of thirty-two bytes or more".getBytes(UTF_8);

  private final SumModel model = new SumModel();
  private final ModelRunEngine engine = ModelRunEngine.builder().model(model).workers(2)
      .resultLinks(URI.create("http://127.0.0.1:0"), SECRET).build();
  private final Javalin app = Javalin.create(config -> config.showJavalinBanner = false);
  private final HttpClient client = HttpClient.newHttpClient();

  DownloadRoutesTest() {
    new DownloadRoutes(engine, new Json(1024 * 1024)).register(app);
    app.start("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    app.stop();
    engine.close();
  }

  @Test
  void a_signed_link_streams_the_file_with_its_type_and_name() throws Exception {
    JobId id = finished("x,y\n1,2\n3,4\n");

    HttpResponse<String> response = get(local(engine.resultLink(ALICE, id)));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
        assertThat(type).startsWith("text/csv"));
    assertThat(response.headers().firstValue("Content-Disposition"))
        .hasValue("attachment; filename=\"my scores-results.csv\"; filename*=UTF-8''my%20scores-results.csv");
    assertThat(response.body()).isEqualTo("total\n3\n7\n");
  }

  @Test
  void an_altered_or_malformed_link_is_forbidden_and_an_unknown_job_not_found() throws Exception {
    JobId id = finished("x,y\n1,2\n");
    String link = local(engine.resultLink(ALICE, id));

    HttpResponse<String> altered = get(link.replaceAll("expires=(\\d+)", "expires=9$1"));
    assertThat(altered.statusCode()).isEqualTo(403);
    assertThat(altered.body()).contains("\"isError\":true").contains("not valid");
    assertThat(get(link.replaceAll("sig=[0-9a-f]{4}", "sig=0000")).statusCode()).isEqualTo(403);
    assertThat(get(link.replaceAll("&sig=.*", "")).statusCode()).isEqualTo(403);
    assertThat(get(link.replaceAll("expires=\\d+", "expires=soon")).statusCode()).isEqualTo(403);
    assertThat(get(link.replace(id.value(), "not-a-job")).statusCode()).isEqualTo(404);
  }

  @Test
  void a_valid_link_to_an_unfinished_job_is_a_conflict() throws Exception {
    model.hold = new CountDownLatch(1);
    JobId id = submit("x,y\n1,2\n");
    long expires = System.currentTimeMillis() / 1000 + 60;
    String signature = sign(id, expires);

    HttpResponse<String> response = get("http://127.0.0.1:" + app.port() + "/downloads/" + id + "?expires="
        + expires + "&sig=" + signature);
    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(response.body()).contains("has not finished");
    model.hold.countDown();
  }

  private JobId finished(String csv) throws InterruptedException {
    JobId id = submit(csv);
    engine.await(id, Duration.ofSeconds(20));
    return id;
  }

  private JobId submit(String csv) {
    return engine.submit(SubmitJobCommand.of(ALICE, new JobRequest(SumModel.DESCRIPTOR.ref(), JobSpec.defaults(),
        new UploadedFileInput("my scores.csv", RecordFormat.CSV_WITH_HEADER, ByteSource.wrap(csv.getBytes(UTF_8)),
            List.of(), List.of(FieldMapping.of("sum", "total")))))).job().job().id();
  }

  private String local(URI link) {
    return link.toString().replace("http://127.0.0.1:0", "http://127.0.0.1:" + app.port());
  }

  private HttpResponse<String> get(String uri) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(uri)).GET().build(),
        HttpResponse.BodyHandlers.ofString(UTF_8));
  }

  private static String sign(JobId id, long expires) throws Exception {
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec(SECRET, "HmacSHA256"));
    return java.util.HexFormat.of().formatHex(mac.doFinal((id + "\n" + expires).getBytes(UTF_8)));
  }
}
