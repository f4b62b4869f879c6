package dev.punctual.api.missed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.punctual.api.testing.ApiIntegrationTest;
import dev.punctual.api.testing.Jobs;
import dev.punctual.model.event.MissedOccurrences;
import dev.punctual.model.json.Json;
import dev.punctual.model.topic.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The missed topic projected into PostgreSQL and listed by {@code GET /jobs/{id}/missed}. */
class MissedIT extends ApiIntegrationTest {

  private static final Instant FROM = Instant.parse("2027-03-13T07:00:00Z");

  @Test
  void missedOccurrencesAreListedNewestFirstAcrossPagesAndUnreadableRecordsAreSkipped() {
    var jobId = "missed-" + UUID.randomUUID();
    assertThat(api().post("/jobs", Jobs.definition(jobId, "\"every\": \"PT2S\"")).status())
        .isEqualTo(201);
    var topic = Topics.DEFAULT.missed().name();
    // given five episodes, each sent twice (a re-delivery), and records nobody can use
    for (int i = 0; i < 5; i++) {
      var missed =
          new MissedOccurrences(
              jobId,
              i % 2 == 0 ? MissedOccurrences.Reason.MISFIRE : MissedOccurrences.Reason.OVERLAP,
              i % 2 == 0 ? "FIRE_ONCE" : "SKIP",
              FROM.plusSeconds(100L * i),
              FROM.plusSeconds(100L * i + 28),
              15,
              i % 2 == 0 ? FROM.plusSeconds(100L * i + 28) : null,
              FROM.plusSeconds(100L * i + 30));
      records().send(topic, jobId, Json.toBytes(missed));
      records().send(topic, jobId, Json.toBytes(missed));
      records().sendText(topic, jobId, i == 0 ? "{not json" : i == 1 ? "null" : null);
    }

    var items =
        await()
            .atMost(DEADLINE)
            .until(() -> listAll("/jobs/" + jobId + "/missed", 2), l -> l.size() >= 5);
    assertThat(items).hasSize(5);
    assertThat(items.stream().map(item -> item.get("from").asString()).toList())
        .containsExactly(
            FROM.plusSeconds(400).toString(),
            FROM.plusSeconds(300).toString(),
            FROM.plusSeconds(200).toString(),
            FROM.plusSeconds(100).toString(),
            FROM.toString());
    var newest = items.getFirst();
    assertThat(newest.get("reason").asString()).isEqualTo("MISFIRE");
    assertThat(newest.get("policy").asString()).isEqualTo("FIRE_ONCE");
    assertThat(newest.get("count").asLong()).isEqualTo(15);
    assertThat(newest.get("firedScheduledAt").asString())
        .isEqualTo(FROM.plusSeconds(428).toString());
    assertThat(items.get(1).get("firedScheduledAt").isNull()).isTrue();
    assertThat(newest.has("sequence")).isFalse();
    assertThat(management().get("/actuator/prometheus").body())
        .contains("punctual_api_missed_occurrences_total");

    assertThat(api().get("/jobs/" + jobId + "-unknown/missed").status()).isEqualTo(404);
    assertThat(api().get("/jobs/" + jobId + "/missed?cursor=%25%25").status()).isEqualTo(400);
  }

  private List<JsonNode> listAll(String path, int limit) {
    var items = new ArrayList<JsonNode>();
    String cursor = null;
    do {
      var page =
          api().get(path + "?limit=" + limit + (cursor == null ? "" : "&cursor=" + cursor)).json();
      page.get("items").forEach(items::add);
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
    } while (cursor != null);
    return items;
  }
}
