package dev.modelrun.app;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium ({@code /usr/bin/chromium}), headless, driven through Debian's chromedriver ({@code
 * /usr/bin/chromedriver}). Both paths are given to Selenium, so Selenium Manager never runs and nothing is
 * downloaded. Where they are missing the browser tests are skipped, except in CI ({@code CI=true}), where they fail.
 */
final class Chromium {
  static final Path BROWSER = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  private Chromium() {}

  static void requireInstalled() {
    if (Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER)) {
      return;
    }
    String message = "Debian's chromium and chromium-driver are not installed (" + BROWSER + ", " + DRIVER
        + "; apt-get install chromium chromium-driver)";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(message + ": in CI the browser tests must run");
    }
    Assumptions.abort(message + ": skipping the browser tests (set CI=true to make this a failure)");
  }

  /** A new headless browser with its own new profile, saving downloads into {@code downloads} without asking. */
  static ChromeDriver start(Path profile, Path downloads) {
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(DRIVER.toFile())
        .usingAnyFreePort()
        .withTimeout(Duration.ofSeconds(30))
        .build();
    ChromeOptions options = new ChromeOptions()
        .setBinary(new File(BROWSER.toString()))
        .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", "--window-size=1280,1000", "--user-data-dir=" + profile);
    options.setExperimentalOption("prefs", Map.of(
        "download.default_directory", downloads.toString(),
        "download.prompt_for_download", false));
    return new ChromeDriver(service, options);
  }
}
