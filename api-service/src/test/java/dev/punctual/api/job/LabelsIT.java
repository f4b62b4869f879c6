package dev.punctual.api.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.punctual.api.testing.ApiIntegrationTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The issue-13 fields through REST: stored, returned and kept by PUT; and {@code GET
 * /jobs?label=k:v}, repeatable, combined with the other filters and paging.
 */
class LabelsIT extends ApiIntegrationTest {

  @Test
  void theNewScheduleFieldsAndLabelsAreStoredReturnedAndSurviveAPut() {
    var id = "fields-" + UUID.randomUUID();
    var body =
        """
        {"id": "%s",
         "schedule": {"cron": "0 2 * * *", "timeZone": "Europe/Berlin", "overlapPolicy": "SKIP",
                      "jitter": "PT5M", "daylightSaving": {"gap": "SKIP", "overlap": "BOTH"},
                      "misfireThreshold": "PT10M", "pauseAfterFailures": 3},
         "target": {"type": "http", "url": "https://example.com/run"},
         "labels": {"team": "payments", "tier": "gold"}}
        """
            .formatted(id);

    assertThat(api().post("/jobs", body).status()).isEqualTo(201);
    var read = api().get("/jobs/" + id).json();
    var schedule = read.get("schedule");
    assertThat(schedule.get("overlapPolicy").asString()).isEqualTo("SKIP");
    assertThat(schedule.get("jitter").asString()).isEqualTo("PT5M");
    assertThat(schedule.get("daylightSaving").get("gap").asString()).isEqualTo("SKIP");
    assertThat(schedule.get("daylightSaving").get("overlap").asString()).isEqualTo("BOTH");
    assertThat(schedule.get("misfireThreshold").asString()).isEqualTo("PT10M");
    assertThat(schedule.get("pauseAfterFailures").asInt()).isEqualTo(3);
    assertThat(read.get("labels").get("team").asString()).isEqualTo("payments");
    assertThat(read.has("pausedReason")).isTrue();
    assertThat(read.get("pausedReason").isNull()).isTrue();

    // next-runs shows each occurrence with its dueAt: the scheduler's jitter rule.
    var next = api().get("/jobs/" + id + "/next-runs?count=3").json();
    assertThat(next.get("occurrences")).hasSize(3);
    for (var occurrence : next.get("occurrences")) {
      var scheduledAt = java.time.Instant.parse(occurrence.get("scheduledAt").asString());
      var dueAt = java.time.Instant.parse(occurrence.get("dueAt").asString());
      assertThat(dueAt)
          .isEqualTo(
              dev.punctual.model.schedule.Jitter.dueAt(
                  dev.punctual.model.event.FireIds.scheduled(id, scheduledAt),
                  scheduledAt,
                  java.time.Duration.ofMinutes(5)))
          .isBefore(scheduledAt.plusSeconds(300));
    }

    // What GET returned goes back with PUT unchanged: same version.
    var put = api().put("/jobs/" + id, read.toString());
    assertThat(put.status()).isEqualTo(200);
    assertThat(put.json().get("version").asLong()).isEqualTo(1);
    assertThat(put.json().get("schedule")).isEqualTo(schedule);

    // A PUT that changes labels stores them.
    var relabelled = body.replace("\"gold\"", "\"silver\"");
    assertThat(api().put("/jobs/" + id, relabelled).json().get("labels").get("tier").asString())
        .isEqualTo("silver");
    assertThat(api().get("/jobs/" + id).json().get("version").asLong()).isEqualTo(2);
  }

  @Test
  void theLabelFilterMatchesJobsWithAllTheLabelsAcrossPages() {
    var prefix = "lbl-" + UUID.randomUUID().toString().substring(0, 8);
    var team = "team-" + prefix;
    // given 7 jobs of the team, 4 of them in tier gold, and one gold job of another team
    var gold = new ArrayList<String>();
    for (int i = 0; i < 7; i++) {
      var id = prefix + "-" + i;
      var tier = i % 2 == 0 ? "gold" : "silver";
      create(id, "{\"team\": \"%s\", \"tier\": \"%s\"}".formatted(team, tier));
      if (tier.equals("gold")) {
        gold.add(id);
      }
    }
    create(prefix + "-other", "{\"team\": \"x-%s\", \"tier\": \"gold\"}".formatted(prefix));

    assertThat(listAll("label=team:" + team, 3)).hasSize(7);
    assertThat(listAll("label=team:" + team + "&label=tier:gold", 2))
        .containsExactlyElementsOf(gold);
    assertThat(listAll("label=team:" + team + "&label=tier:gold&status=ACTIVE", 3))
        .containsExactlyElementsOf(gold);
    assertThat(listAll("label=team:" + team + "&label=tier:bronze", 3)).isEmpty();
    assertThat(listAll("label=team:" + team + "&label=tier:gold&status=PAUSED", 3)).isEmpty();
  }

  @Test
  void aMalformedLabelFilterIsA400NamingTheParameterForGeneratedInput() {
    var random = new Random(13);
    var alphabet = "aZ:/._-%&= \t#é0\u0001";
    for (int i = 0; i < 200; i++) {
      var text = new StringBuilder();
      int length = random.nextInt(70);
      for (int j = 0; j < length; j++) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      var value = text.toString();
      var answer = api().get("/jobs?label=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
      int colon = value.indexOf(':');
      boolean valid =
          colon >= 0
              && dev.punctual.model.job.JobDefinition.LABEL_KEY_PATTERN
                  .matcher(value.substring(0, colon))
                  .matches();
      if (valid || value.isEmpty()) {
        // An empty label= is no filter, like an empty status=.
        assertThat(answer.status()).as(value).isEqualTo(200);
      } else {
        assertThat(answer.status()).as(value).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.errorFields()).as(value).containsExactly("label");
      }
    }
    for (var bad : List.of("team", "Team:x", ":x", "a%20b:x")) {
      assertThat(api().get("/jobs?label=" + bad).status()).as(bad).isEqualTo(400);
    }
    assertThat(api().get("/jobs?label=a:1&label=a:2").errorFields()).containsExactly("label");
    // A value may hold commas and colons.
    assertThat(api().get("/jobs?label=a:1,b:2").status()).isEqualTo(200);
  }

  private void create(String id, String labels) {
    var body =
        """
        {"id": "%s", "schedule": {"every": "PT1H"},
         "target": {"type": "http", "url": "https://example.com/run"}, "labels": %s}
        """
            .formatted(id, labels);
    assertThat(api().post("/jobs", body).status()).isEqualTo(201);
  }

  /** The ids of every job the query lists, following the cursor with pages of {@code limit}. */
  private List<String> listAll(String query, int limit) {
    var ids = new ArrayList<String>();
    String cursor = null;
    do {
      var page =
          api()
              .get(
                  "/jobs?"
                      + query
                      + "&limit="
                      + limit
                      + (cursor == null ? "" : "&cursor=" + cursor))
              .json();
      page.get("items").forEach(job -> ids.add(job.get("id").asString()));
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
    } while (cursor != null);
    return ids;
  }
}
