package dev.punctual.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium driven through chromedriver, both from Debian's packages ({@code chromium},
 * {@code chromium-driver}; {@code .ci/run} installs them). Their paths are given to Selenium, so
 * that Selenium Manager never tries to download a browser or a driver.
 */
final class Browser {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private Browser() {}

  /** A new headless browser; fails with what to install when Chromium or its driver is absent. */
  static ChromeDriver start() {
    assertThat(Files.isExecutable(CHROMIUM))
        .as(
            "The dashboard's browser test needs Chromium at %s: apt-get install -y chromium"
                + " (.ci/run installs it)",
            CHROMIUM)
        .isTrue();
    assertThat(Files.isExecutable(CHROMEDRIVER))
        .as(
            "The dashboard's browser test needs chromedriver at %s: apt-get install -y"
                + " chromium-driver (.ci/run installs it)",
            CHROMEDRIVER)
        .isTrue();
    var options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1280,1100");
    var service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile());
    return new ChromeDriver(service.build(), options);
  }
}
