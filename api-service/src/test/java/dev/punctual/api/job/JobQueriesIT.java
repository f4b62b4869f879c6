package dev.punctual.api.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.punctual.api.testing.ApiIntegrationTest;
import dev.punctual.api.testing.Jobs;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** GET /jobs with filters and keyset pagination, and GET /jobs/{id}/next-runs. */
class JobQueriesIT extends ApiIntegrationTest {

  private final String prefix = "q" + UUID.randomUUID().toString().substring(0, 8);

  @Test
  void theNameFilterIsACaseInsensitivePrefixWithoutWildcards() {
    create(prefix + "-a", "Report%Daily", "\"every\": \"PT1M\"");
    create(prefix + "-b", "REPORTxDaily", "\"every\": \"PT1M\"");
    create(prefix + "-c", "report_weekly", "\"every\": \"PT1M\"");
    create(prefix + "-d", "Other", "\"every\": \"PT1M\"");

    assertThat(idsOf("?name=report")).containsExactly(prefix + "-a", prefix + "-b", prefix + "-c");
    assertThat(idsOf("?name=Report%25")).containsExactly(prefix + "-a");
    assertThat(idsOf("?name=report_")).containsExactly(prefix + "-c");
  }

  @Test
  void theStatusFilterShowsJobsAsTheyAreNow() {
    create(prefix + "-active", prefix, "\"every\": \"PT1M\"");
    create(prefix + "-paused", prefix, "\"every\": \"PT1M\"");
    api().post("/jobs/" + prefix + "-paused/pause");
    create(prefix + "-ended", prefix, "\"every\": \"PT1M\", \"endAt\": \"2020-01-01T00:00:00Z\"");
    create(prefix + "-bounded", prefix, "\"every\": \"PT1M\", \"maxRuns\": 5");

    assertThat(idsOf("?status=ACTIVE&name=" + prefix))
        .containsExactly(prefix + "-active", prefix + "-bounded");
    assertThat(idsOf("?status=PAUSED&name=" + prefix)).containsExactly(prefix + "-paused");
    assertThat(idsOf("?status=COMPLETED&name=" + prefix)).containsExactly(prefix + "-ended");

    var invalid = api().get("/jobs?status=DONE");
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.errorFields()).containsExactly("status");
    assertThat(invalid.json().get("detail").asString()).contains("ACTIVE, PAUSED, COMPLETED");
  }

  @Test
  void pagesStayCompleteAndWithoutDuplicatesWhileJobsAreInserted() throws Exception {
    var existing = new ArrayList<String>();
    for (int i = 0; i < 30; i++) {
      existing.add(prefix + "-" + (char) ('a' + i % 26) + i);
      create(existing.getLast(), prefix, "\"every\": \"PT1M\"");
    }
    var stop = new AtomicBoolean();
    var inserted = new AtomicInteger();
    var seen = new ArrayList<String>();
    try (var pool = Executors.newSingleThreadExecutor()) {
      var inserter =
          pool.submit(
              () -> {
                while (!stop.get() && inserted.get() < 200) {
                  int n = inserted.incrementAndGet();
                  create(
                      prefix + "-" + (char) ('a' + n % 26) + "x" + n,
                      prefix,
                      "\"every\": \"PT1M\"");
                }
                return null;
              });
      var path = "/jobs?limit=4&name=" + prefix;
      while (path != null) {
        var page = api().get(path).json();
        page.get("items").forEach(job -> seen.add(job.get("id").asString()));
        var next = page.get("nextCursor");
        path = next.isNull() ? null : "/jobs?limit=4&name=" + prefix + "&cursor=" + next.asString();
      }
      stop.set(true);
      inserter.get();
    }

    assertThat(inserted.get()).as("inserts while paging").isPositive();
    assertThat(seen).doesNotHaveDuplicates().isSorted().containsAll(existing);
  }

  @Test
  void nextRunsFollowDaylightSavingTimeLikeTheScheduler() {
    // 2030-03-10 is the spring-forward day in New York: 02:30 does not exist that day.
    var zone = ZoneId.of("America/New_York");
    assertThat(zone.getRules().getTransition(LocalDateTime.of(2030, 3, 10, 2, 30)).isGap())
        .isTrue();
    var id = prefix + "-dst";
    create(
        id,
        "dst",
        "\"cron\": \"30 2 * * *\", \"timeZone\": \"America/New_York\","
            + " \"startAt\": \"2030-03-08T00:00:00Z\"");

    var next = api().get("/jobs/" + id + "/next-runs?count=4");

    assertThat(next.status()).isEqualTo(200);
    assertThat(next.json().get("jobId").asString()).isEqualTo(id);
    assertThat(runs(next.json()))
        .containsExactly(
            "2030-03-08T07:30:00Z", // 02:30 EST
            "2030-03-09T07:30:00Z", // 02:30 EST
            "2030-03-10T07:00:00Z", // the gap: 03:00 EDT, when the clocks jump
            "2030-03-11T06:30:00Z"); // 02:30 EDT
  }

  @Test
  void nextRunsHonourEndAtAndMaxRunsAndPauseAndCountBounds() {
    var start = "\"startAt\": \"2030-01-01T00:00:00Z\"";
    create(prefix + "-max", "m", "\"every\": \"PT1H\", \"maxRuns\": 3, " + start);
    create(
        prefix + "-end", "e", "\"every\": \"PT1H\", \"endAt\": \"2030-01-01T02:00:00Z\", " + start);

    assertThat(runs(api().get("/jobs/" + prefix + "-max/next-runs?count=100").json()))
        .containsExactly("2030-01-01T00:00:00Z", "2030-01-01T01:00:00Z", "2030-01-01T02:00:00Z");
    assertThat(runs(api().get("/jobs/" + prefix + "-end/next-runs").json()))
        .containsExactly("2030-01-01T00:00:00Z", "2030-01-01T01:00:00Z", "2030-01-01T02:00:00Z");
    var unbounded = prefix + "-many";
    create(unbounded, "u", "\"every\": \"PT1M\"");
    assertThat(runs(api().get("/jobs/" + unbounded + "/next-runs").json())).hasSize(10);
    api().post("/jobs/" + unbounded + "/pause");
    assertThat(runs(api().get("/jobs/" + unbounded + "/next-runs").json())).isEmpty();

    for (var count : List.of("0", "101", "x")) {
      var invalid = api().get("/jobs/" + unbounded + "/next-runs?count=" + count);
      assertThat(invalid.status()).isEqualTo(400);
      assertThat(invalid.errorFields()).containsExactly("count");
    }
    assertThat(api().get("/jobs/" + prefix + "-none/next-runs").status()).isEqualTo(404);
  }

  private void create(String id, String name, String schedule) {
    var answer = api().post("/jobs", Jobs.named(id, name, schedule));
    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
  }

  private List<String> idsOf(String query) {
    var ids = new ArrayList<String>();
    var page = api().get("/jobs" + query + "&limit=500");
    assertThat(page.status()).as(page.body()).isEqualTo(200);
    page.json().get("items").forEach(job -> ids.add(job.get("id").asString()));
    return ids.stream().filter(id -> id.startsWith(prefix)).toList();
  }

  private static List<String> runs(tools.jackson.databind.JsonNode nextRuns) {
    var runs = new ArrayList<String>();
    nextRuns.get("runs").forEach(run -> runs.add(run.asString()));
    return runs;
  }
}
