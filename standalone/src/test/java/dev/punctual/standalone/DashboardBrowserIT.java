package dev.punctual.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser against the real stack with security on: a job created through
 * the API is found in the list by name and by label, its page shows executions arriving over the
 * live event stream and a missed occurrence after a scheduler outage, and pausing it changes its
 * status. The job's page is saved as a screenshot ({@link #SCREENSHOT}), the one the README shows.
 */
class DashboardBrowserIT {

  /** The page as the browser showed it; copied to docs/images/dashboard-job.png by hand. */
  static final Path SCREENSHOT = Path.of("target", "dashboard-job.png");

  private static final String ADMIN_KEY = "dashboard-it-bootstrap-key-0123456789abcdef";
  private static final Duration DEADLINE = Duration.ofSeconds(90);
  private static final Duration OUTAGE = Duration.ofSeconds(4);

  private static PunctualSystem system;
  private static TargetServer target;
  private static ChromeDriver browser;

  @BeforeAll
  static void start() throws IOException {
    browser = Browser.start();
    system =
        PunctualSystem.start(
            StandaloneProperties.forTests(Files.createTempDirectory("punctual-dashboard-it-")),
            List.of(
                "--punctual.api.security.enabled=true",
                "--punctual.api.security.bootstrap-admin-key=" + ADMIN_KEY));
    target = new TargetServer();
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (system != null) {
      system.close();
    }
    if (target != null) {
      target.close();
    }
  }

  @Test
  void aJobCreatedThroughTheApiIsFoundWatchedLiveAndPausedInTheDashboard() throws Exception {
    // given a key for the dashboard and a job every second, created through the API with it
    var key = issueKey();
    var suite = "ui-" + UUID.randomUUID().toString().substring(0, 8);
    var id = suite + "-job";
    var name = "Report <b>" + suite + "</b>"; // markup in a name must show as text
    var created =
        call(
            key,
            "POST",
            "/jobs",
            """
            {"id":"%s","name":"%s","labels":{"suite":"%s"},
             "schedule":{"every":"PT1S","misfirePolicy":"FIRE_ONCE"},
             "target":{"type":"http","method":"POST","url":"%s"}}
            """
                .formatted(id, name, suite, target.url("/dashboard/" + id)));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    // and another job, which neither search may find
    var other =
        call(
            key,
            "POST",
            "/jobs",
            """
            {"id":"%s-other","name":"Other %s","labels":{"suite":"other"},
             "schedule":{"every":"PT1H"},"target":{"type":"http","url":"%s"}}
            """
                .formatted(suite, suite, target.url("/other")));
    assertThat(other.statusCode()).as(other.body()).isEqualTo(201);
    var wait = new WebDriverWait(browser, DEADLINE);

    // when the dashboard is opened and the key entered once
    browser.get(system.apiUrl() + "/ui");
    browser.findElement(By.id("api-key")).sendKeys(key);
    browser.findElement(By.id("save-key")).click();
    wait.until(ExpectedConditions.textToBe(By.id("key-state"), "key set for this tab"));
    assertThat(browser.getCurrentUrl()).doesNotContain(key);

    // then the job is found by its name and by its label
    wait.until(driver -> jobRows().size() == 2);
    search(wait, "filter-name", "Report <b>" + suite, "?name=", id);
    browser.findElement(By.id("filter-name")).clear();
    search(wait, "filter-label", "suite:" + suite, "?label=", id);

    // and its page shows executions arriving live, with their lateness
    browser.findElement(By.cssSelector("#jobs tbody tr a")).click();
    wait.until(ExpectedConditions.textToBe(By.id("job-title"), name + " (" + id + ")"));
    assertThat(browser.findElements(By.cssSelector("#job-title b"))).isEmpty();
    wait.until(ExpectedConditions.textMatches(By.id("live-state"), regex("^live, \\d+ events?$")));
    wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("#executions tbody tr[data-status='SUCCEEDED']")));
    var succeeded = browser.findElement(By.cssSelector("#executions tr[data-status='SUCCEEDED']"));
    assertThat(succeeded.getText()).contains(id + "@").containsPattern("\\d+\\.\\d{3} s");
    assertThat(browser.findElements(By.cssSelector("#next-runs tbody tr"))).isNotEmpty();

    // and a scheduler outage shows as a missed occurrence; the outage is the scenario itself, so
    // its length is a wait on purpose, not a guess at when an outcome arrives
    system.restartScheduler(
        () ->
            await("the outage").pollDelay(OUTAGE).atMost(OUTAGE.plusSeconds(5)).until(() -> true));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("#missed tbody"), "MISFIRE"));
    Files.write(SCREENSHOT, browser.getScreenshotAs(OutputType.BYTES));

    // and pausing it changes its status
    browser.findElement(By.id("pause")).click();
    wait.until(ExpectedConditions.textToBe(By.id("job-status"), "PAUSED"));
    var job = call(key, "GET", "/jobs/" + id, null);
    assertThat(job.body()).contains("\"status\":\"PAUSED\"");
    copyScreenshotWhenAsked();
  }

  /**
   * Searches with {@code text} in {@code field} until the list shows exactly the job {@code id}.
   */
  private void search(WebDriverWait wait, String field, String text, String query, String id) {
    var input = browser.findElement(By.id(field));
    input.clear();
    input.sendKeys(text);
    browser.findElement(By.id("search")).click();
    // the list of this search, not the one before it
    wait.until(ExpectedConditions.attributeContains(By.id("jobs"), "data-query", query));
    wait.until(
        driver ->
            jobRows().stream()
                .map(row -> row.getDomAttribute("data-job-id"))
                .toList()
                .equals(List.of(id)));
  }

  private List<WebElement> jobRows() {
    return browser.findElements(By.cssSelector("#jobs tbody tr"));
  }

  private static java.util.regex.Pattern regex(String pattern) {
    return java.util.regex.Pattern.compile(pattern);
  }

  private static String issueKey() {
    var answer =
        call(
            ADMIN_KEY,
            "POST",
            "/admin/api-keys",
            """
            {"name":"dashboard","scopes":["jobs:read","jobs:write","jobs:trigger"]}
            """);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
    return ApiCalls.json(answer).get("key").asString();
  }

  private static java.net.http.HttpResponse<String> call(
      String key, String method, String path, String json) {
    return ApiCalls.send(system, method, path, json, "Authorization", "Bearer " + key);
  }

  /**
   * With {@code -Dpunctual.dashboard.screenshot=update}, copies the screenshot over the README's
   * image (docs/images/dashboard-job.png), so a run on a clean checkout never changes the tree.
   */
  private static void copyScreenshotWhenAsked() throws IOException {
    if ("update".equals(System.getProperty("punctual.dashboard.screenshot"))) {
      Files.copy(
          SCREENSHOT,
          Path.of("..", "docs", "images", "dashboard-job.png"),
          StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
