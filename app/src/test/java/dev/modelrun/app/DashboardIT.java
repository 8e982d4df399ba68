package dev.modelrun.app;

import static dev.modelrun.app.RunningServer.KEY_A;
import static dev.modelrun.app.RunningServer.KEY_B;
import static dev.modelrun.app.RunningServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The jobs dashboard in a real browser (Debian's headless Chromium) against the real server: a key is asked for,
 * a CSV upload runs to success, is renamed and its output downloaded, a failed job shows each item's error, a
 * running job shows its progress, follows the job live and is canceled, and refused keys and requests say what is
 * wrong. Screenshots are
 * kept in {@code target/screenshots/} for review.
 */
class DashboardIT {
  static final Path SCREENSHOTS = Path.of("target", "screenshots");
  static final Duration PATIENCE = Duration.ofSeconds(30);

  static RunningServer server;
  static ChromeDriver browser;
  static Path work;
  static Path downloads;
  static WebDriverWait wait;

  @BeforeAll
  static void start() throws IOException {
    Chromium.requireInstalled();
    server = new RunningServer();
    work = Files.createTempDirectory("modelrun-dashboard-it-");
    downloads = Files.createDirectories(Path.of("target", "dashboard-downloads").toAbsolutePath());
    try (Stream<Path> old = Files.list(downloads)) {
      for (Path file : old.toList()) {
        Files.delete(file);
      }
    }
    Files.createDirectories(SCREENSHOTS);
    browser = Chromium.start(Files.createDirectory(work.resolve("profile")), downloads);
    wait = new WebDriverWait(browser, PATIENCE);
  }

  @AfterAll
  static void stop() throws IOException {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.close();
    }
    if (work != null) {
      MoreFiles.deleteRecursively(work, RecursiveDeleteOption.ALLOW_INSECURE);
    }
  }

  @BeforeEach
  void freshTab() {
    browser.get(server.url() + "/");
    browser.executeScript("sessionStorage.clear()");
    browser.get(server.url() + "/");
    visible(By.id("api-key"));
  }

  @Test
  void a_csv_upload_runs_to_success_is_renamed_and_its_output_downloads() throws Exception {
    screenshot("01-key-form");
    signIn(KEY_A);
    Path csv = Files.writeString(work.resolve("points.csv"),
        "first,y\n1,2\n-3,4\n\"5\",0\n");

    new Select(visible(By.id("upload-model"))).selectByValue("tabular-demo");
    browser.findElement(By.id("upload-file")).sendKeys(csv.toAbsolutePath().toString());
    assertThat(new Select(browser.findElement(By.id("upload-format"))).getFirstSelectedOption().getText())
        .isEqualTo("CSV with a header row");
    browser.findElement(By.id("map-source-x")).sendKeys("first");
    browser.findElement(By.id("out-destination-c")).sendKeys("sign");
    screenshot("02-upload-form");
    browser.findElement(By.id("upload-submit")).click();

    WebElement notice = visible(By.id("notice"));
    assertThat(notice.getText()).contains("Submitted “points.csv”: 3 records in 1 group, billed 20 units ($0.020)");
    By row = By.xpath("//tbody[@id='jobs-rows']/tr[.//a[text()='points.csv']]");
    wait.until(ExpectedConditions.attributeToBe(row, "data-status", "COMPLETED"));
    WebElement completed = browser.findElement(row);
    String id = completed.getAttribute("data-job-id");
    assertThat(completed.getText()).contains("Completed", "Tabular Demo 1.0.0", "3 records · 20 units ($0.020)");
    assertThat(browser.findElements(By.cssSelector("#jobs-rows tr")).getFirst().getAttribute("data-job-id"))
        .as("newest first").isEqualTo(id);
    screenshot("03-jobs-list");

    completed.findElement(By.linkText("points.csv")).click();
    wait.until(ExpectedConditions.textToBe(By.id("detail-heading"), "Job points.csv"));
    WebElement rename = browser.findElement(By.id("rename-input"));
    rename.clear();
    rename.sendKeys("Points, renamed <b>not bold</b>");
    browser.findElement(By.id("rename-submit")).click();
    wait.until(ExpectedConditions.textToBe(By.id("detail-heading"), "Job Points, renamed <b>not bold</b>"));
    assertThat(json(server.get("/api/v1/jobs/" + id, KEY_A)).path("data").path("name").asText())
        .isEqualTo("Points, renamed <b>not bold</b>");
    assertThat(browser.findElements(By.cssSelector("#detail-heading b"))).as("a name is text, never markup").isEmpty();
    assertThat(text(By.id("detail-billing"))).isEqualTo("20 units ($0.020)");

    browser.findElement(By.id("download-output")).click();
    WebElement link = visible(By.id("download-link"));
    String href = link.getAttribute("href");
    assertThat(href).startsWith(server.url() + "/downloads/" + id + "?expires=");
    HttpResponse<String> download = server.send(HttpRequest.newBuilder(URI.create(href)).GET().build());
    assertThat(download.statusCode()).as(download.body()).isEqualTo(200);
    List<String> expected = List.of("a,b,sign", "3,2,pos", "1,-12,neg", "5,0,pos");
    assertThat(download.body().lines()).containsExactlyElementsOf(expected);
    Path saved = wait.until(driver -> downloaded());
    assertThat(Files.readAllLines(saved, StandardCharsets.UTF_8)).containsExactlyElementsOf(expected);
    screenshot("04-job-detail-renamed-and-downloaded");
  }

  @Test
  void a_failed_jobs_detail_shows_each_items_error() {
    String invalidUtf8 = Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff, (byte) 0xfe, 0x41});
    HttpResponse<String> submitted = server.postJson("/api/jobs", KEY_B,
        "{\"model\": {\"identifier\": \"ed542963de\", \"version\": \"0.0.27\"}, \"name\": \"doomed texts\","
            + " \"input\": {\"type\": \"embedded\", \"sources\": {"
            + "\"blank\": {\"input.txt\": \"" + Base64.getEncoder().encodeToString("   ".getBytes(StandardCharsets.UTF_8))
            + "\"}, \"garbled\": {\"input.txt\": \"" + invalidUtf8 + "\"}}}}");
    assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
    String id = json(submitted).path("jobIdentifier").asText();
    assertThat(server.awaitEnd(KEY_B, id).path("status").asText()).isEqualTo("ERROR");

    signIn(KEY_B);
    By row = By.cssSelector("#jobs-rows tr[data-job-id='" + id + "']");
    wait.until(ExpectedConditions.attributeToBe(row, "data-status", "ERROR"));
    assertThat(browser.findElement(row).getText()).contains("Error · 2 failed");
    browser.findElement(row).findElement(By.linkText("doomed texts")).click();

    wait.until(ExpectedConditions.textToBe(By.id("failures-summary"), "2 failures."));
    assertThat(text(By.id("detail-status"))).isEqualTo("Error");
    assertThat(text(By.id("results-summary"))).isEqualTo("0 successful results.");
    List<WebElement> failures = browser.findElements(By.cssSelector("#failures-rows tr"));
    assertThat(failures).hasSize(2);
    assertThat(failures.get(0).getText()).startsWith("blank").contains("input.txt is empty");
    assertThat(failures.get(1).getText()).startsWith("garbled").contains("not valid UTF-8");
    assertThat(browser.findElement(By.id("download")).isDisplayed()).as("a batch job has no output file").isFalse();
    screenshot("05-failed-job-detail");
  }

  @Test
  void a_running_job_shows_its_progress_and_can_be_canceled() {
    // why: an open chunked job stays unfinished until it is closed, so its progress bar can be seen without a race.
    HttpResponse<String> opened = server.postJson("/api/jobs", KEY_B,
        "{\"model\": {\"identifier\": \"ed542963de\"}, \"name\": \"still uploading\"}");
    String id = json(opened).path("jobIdentifier").asText();

    signIn(KEY_B);
    By row = By.cssSelector("#jobs-rows tr[data-job-id='" + id + "']");
    WebElement open = visible(row);
    assertThat(open.getAttribute("data-status")).isEqualTo("OPEN");
    WebElement bar = open.findElement(By.cssSelector("progress"));
    assertThat(bar.isDisplayed()).isTrue();
    assertThat(bar.getAttribute("aria-label")).isEqualTo("Progress of still uploading");
    screenshot("06-running-job-in-list");

    open.findElement(By.linkText("still uploading")).click();
    visible(By.id("cancel-job")).click();
    wait.until(ExpectedConditions.textToBe(By.id("detail-status"), "Canceled"));
    assertThat(text(By.id("notice"))).isEqualTo("Canceled still uploading.");
    assertThat(browser.findElement(By.id("cancel-job")).isDisplayed()).isFalse();
    assertThat(json(server.get("/api/jobs/" + id, KEY_B)).path("status").asText()).isEqualTo("CANCELED");
    screenshot("07-canceled-job-detail");
  }

  @Test
  void the_list_follows_a_job_as_it_runs_without_a_reload() {
    HttpResponse<String> opened = server.postJson("/api/jobs", KEY_B,
        "{\"model\": {\"identifier\": \"ed542963de\"}, \"name\": \"arriving in pieces\"}");
    String id = json(opened).path("jobIdentifier").asText();
    signIn(KEY_B);
    By row = By.cssSelector("#jobs-rows tr[data-job-id='" + id + "']");
    assertThat(visible(row).getAttribute("data-status")).isEqualTo("OPEN");
    browser.executeScript("window.stillTheSamePage = true");

    HttpResponse<String> chunk = server.send("POST", "/api/jobs/" + id + "/only-item/input.txt", KEY_B,
        "multipart/form-data; boundary=" + RunningServer.BOUNDARY,
        BodyPublishers.ofByteArray(ServerIT.multipart("input", "I love it")));
    assertThat(chunk.statusCode()).as(chunk.body()).isEqualTo(200);
    HttpResponse<String> closed = server.send("POST", "/api/jobs/" + id + "/close", KEY_B, null,
        BodyPublishers.noBody());
    assertThat(closed.statusCode()).as(closed.body()).isEqualTo(200);

    wait.until(ExpectedConditions.attributeToBe(row, "data-status", "COMPLETED"));
    assertThat(browser.executeScript("return window.stillTheSamePage === true")).isEqualTo(true);
    assertThat(browser.findElement(row).getText()).contains("Completed", "1 / 0 / 1", "1 unit ($0.001)");
    assertThat(browser.findElement(row).findElement(By.cssSelector("progress")).isDisplayed()).isFalse();
  }

  @Test
  void a_bad_key_is_refused_with_a_clear_message_and_is_not_kept() {
    browser.findElement(By.id("api-key")).sendKeys("alpha.wrong-secret");
    browser.findElement(By.id("use-key")).click();

    WebElement error = visible(By.id("error"));
    assertThat(error.getText()).isEqualTo("The server did not accept this API key (401): the API key is not valid."
        + " Check the key and enter it again.");
    assertThat(browser.findElement(By.id("jobs-page")).isDisplayed()).isFalse();
    assertThat(browser.executeScript("return sessionStorage.length")).isEqualTo(0L);
    screenshot("08-bad-key");
  }

  @Test
  void a_kept_key_the_server_no_longer_accepts_leads_back_to_the_key_form() {
    browser.executeScript("sessionStorage.setItem('modelrun.apiKey', 'alpha.revoked-secret')");
    browser.navigate().refresh();

    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("error"), "The server refused the API key"));
    assertThat(text(By.id("error"))).contains("(401)").contains("Enter a valid key");
    assertThat(browser.findElement(By.id("api-key")).isDisplayed()).isTrue();
    assertThat(browser.executeScript("return sessionStorage.length")).isEqualTo(0L);
  }

  @Test
  void a_refused_upload_says_which_row_and_field_are_wrong() throws IOException {
    signIn(KEY_A);
    Path csv = Files.writeString(work.resolve("bad.csv"),
        "x,y\n1,2\n3,abc\n");
    new Select(visible(By.id("upload-model"))).selectByValue("tabular-demo");
    browser.findElement(By.id("upload-file")).sendKeys(csv.toAbsolutePath().toString());
    browser.findElement(By.id("upload-submit")).click();

    WebElement error = visible(By.id("error"));
    assertThat(error.getText()).startsWith("Uploading bad.csv failed (400, bad request): ")
        .contains("row 2").contains("'y'");
    screenshot("09-refused-upload");
  }

  private static void signIn(String key) {
    WebElement input = visible(By.id("api-key"));
    input.clear();
    input.sendKeys(key);
    browser.findElement(By.id("use-key")).click();
    visible(By.id("jobs-page"));
    assertThat(text(By.id("session-key"))).isEqualTo("Key " + key.substring(0, key.indexOf('.')));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#upload-model option")));
  }

  private static WebElement visible(By locator) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(locator));
  }

  private static String text(By locator) {
    return browser.findElement(locator).getText();
  }

  /** The file the browser saved, once it has finished saving it; null until then. */
  private static Path downloaded() {
    try (Stream<Path> files = Files.list(downloads)) {
      return files.filter(file -> file.getFileName().toString().endsWith(".csv")).findFirst().orElse(null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void screenshot(String name) {
    try {
      Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name + ".png"),
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
