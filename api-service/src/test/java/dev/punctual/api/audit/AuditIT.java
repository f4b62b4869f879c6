package dev.punctual.api.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.punctual.api.testing.ApiIntegrationTest;
import dev.punctual.api.testing.Jobs;
import dev.punctual.model.topic.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Every change through the API, refused ones included, and every change on the topic is logged. */
class AuditIT extends ApiIntegrationTest {

  private static final String TOPIC = Topics.DEFAULT.jobs().name();
  private static final String EVERY_MINUTE = "\"every\": \"PT1M\"";

  @Test
  void everyChangeOfAJobIsRecordedWithActorActionVersionAndOutcome() {
    var id = "audit-" + UUID.randomUUID();
    var api = api();
    // given a job's whole life through the API
    assertThat(api.post("/jobs", Jobs.definition(id, EVERY_MINUTE)).status()).isEqualTo(201);
    assertThat(api.put("/jobs/" + id, Jobs.named(id, "renamed", EVERY_MINUTE)).status())
        .isEqualTo(200);
    assertThat(api.post("/jobs/" + id + "/pause").status()).isEqualTo(200);
    assertThat(api.post("/jobs/" + id + "/resume").status()).isEqualTo(200);
    assertThat(api.post("/jobs/" + id + "/trigger").status()).isEqualTo(202);
    var stale = api.put("/jobs/" + id, Jobs.definition(id, EVERY_MINUTE), "If-Match", "\"99\"");
    assertThat(stale.status()).isEqualTo(412);
    var invalid = api.put("/jobs/" + id, "{\"schedule\":{}}");
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(api.delete("/jobs/" + id).status()).isEqualTo(204);
    assertThat(api.delete("/jobs/" + id).status()).isEqualTo(404);

    // then its entries, newest first
    var items = entries("/admin/audit?jobId=" + id);
    assertThat(items)
        .extracting(e -> e.get("action").asString() + " " + e.get("outcome").asString())
        .containsExactly(
            "delete refused",
            "delete succeeded",
            "update refused",
            "update refused",
            "trigger succeeded",
            "resume succeeded",
            "pause succeeded",
            "update succeeded",
            "create succeeded");
    assertThat(items)
        .extracting(e -> e.get("status").asInt())
        .containsExactly(404, 204, 400, 412, 202, 200, 200, 200, 201);
    assertThat(items.getLast().get("version").asLong()).isEqualTo(1);
    assertThat(items.get(items.size() - 2).get("version").asLong()).isEqualTo(2);
    assertThat(items.get(items.size() - 3).get("version").asLong()).isEqualTo(3);
    assertThat(items.get(4).get("version").isNull()).isTrue();
    assertThat(items)
        .allSatisfy(
            e -> {
              assertThat(e.get("actor").asString()).isEqualTo("anonymous");
              assertThat(e.get("jobId").asString()).isEqualTo(id);
              assertThat(e.get("remoteAddress").asString()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
              assertThat(Instant.parse(e.get("at").asString()))
                  .isBefore(Instant.now().plusSeconds(1));
            });
  }

  @Test
  void aCreateIsRecordedOnceWithTheJobAndSoAreItsRetriesAndConflicts() {
    var id = "audit-create-" + UUID.randomUUID();
    var api = api();
    // given a create, its retry, a conflicting create (recorded without job id: it has none) and
    // a replay of an idempotency key
    assertThat(api.post("/jobs", Jobs.definition(id, EVERY_MINUTE)).status()).isEqualTo(201);
    // the entry commits with the job, so it is there as soon as the answer is
    assertThat(entries("/admin/audit?jobId=" + id))
        .extracting(e -> e.get("status").asInt())
        .containsExactly(201);
    assertThat(api.post("/jobs", Jobs.definition(id, EVERY_MINUTE)).status()).isEqualTo(200);
    assertThat(api.post("/jobs", Jobs.named(id, "other", EVERY_MINUTE)).status()).isEqualTo(409);
    var key = "audit-key-" + UUID.randomUUID();
    var first = api.post("/jobs", Jobs.withoutId("keyed", EVERY_MINUTE), "Idempotency-Key", key);
    assertThat(first.status()).isEqualTo(201);
    var keyed = first.json().get("id").asString();
    var replay = api.post("/jobs", Jobs.withoutId("keyed", EVERY_MINUTE), "Idempotency-Key", key);
    assertThat(replay.status()).isEqualTo(200);

    // then each successful request has exactly one entry, with the job's version
    assertThat(entries("/admin/audit?jobId=" + id))
        .extracting(
            e ->
                e.get("action").asString()
                    + " "
                    + e.get("outcome").asString()
                    + " "
                    + e.get("status").asInt()
                    + " v"
                    + e.get("version").asLong(0))
        .containsExactly("create succeeded 200 v1", "create succeeded 201 v1");
    assertThat(entries("/admin/audit?jobId=" + keyed))
        .extracting(e -> e.get("status").asInt())
        .containsExactly(200, 201);
  }

  @Test
  void aBatchRecordsEachItemAndAResyncIsRecorded() {
    var prefix = "audit-batch-" + UUID.randomUUID() + "-";
    var body =
        "{\"jobs\":["
            + Jobs.definition(prefix + "a", EVERY_MINUTE)
            + ","
            + Jobs.definition(prefix + "b", EVERY_MINUTE)
            + ",{\"id\":\""
            + prefix
            + "c\",\"schedule\":{}}]}";
    assertThat(api().post("/jobs/batch", body).status()).isEqualTo(200);
    for (var item : List.of("a", "b")) {
      var entries = entries("/admin/audit?jobId=" + prefix + item);
      assertThat(entries).hasSize(1);
      assertThat(entries.getFirst().get("action").asString()).isEqualTo("create");
      assertThat(entries.getFirst().get("outcome").asString()).isEqualTo("succeeded");
      assertThat(entries.getFirst().get("status").asInt()).isEqualTo(201);
      assertThat(entries.getFirst().get("version").asLong()).isEqualTo(1);
    }
    var invalid = entries("/admin/audit?jobId=" + prefix + "c");
    assertThat(invalid).hasSize(1);
    assertThat(invalid.getFirst().get("outcome").asString()).isEqualTo("refused");
    assertThat(invalid.getFirst().get("status").asInt()).isEqualTo(400);

    var since = Instant.now().minusMillis(1).toString();
    assertThat(api().post("/admin/resync/topic").status()).isEqualTo(200);
    var resyncs = entries("/admin/audit?since=" + since + "&limit=500");
    assertThat(resyncs)
        .anySatisfy(
            e -> {
              assertThat(e.get("action").asString()).isEqualTo("resync");
              assertThat(e.get("outcome").asString()).isEqualTo("succeeded");
            });
  }

  @Test
  void issuingAndRevokingAnApiKeyAreRecorded() {
    var since = Instant.now().minusMillis(1).toString();
    var issued = api().post("/admin/api-keys", "{\"name\":\"audited\",\"scopes\":[\"jobs:read\"]}");
    assertThat(issued.status()).as(issued.body()).isEqualTo(201);
    var keyId = issued.json().get("id").asString();
    assertThat(api().delete("/admin/api-keys/" + keyId).status()).isEqualTo(204);
    assertThat(api().delete("/admin/api-keys/" + keyId).status()).isEqualTo(404);

    var actions =
        entries("/admin/audit?since=" + since + "&limit=500").stream()
            .filter(e -> e.get("action").asString().startsWith("key-"))
            .map(e -> e.get("action").asString() + " " + e.get("outcome").asString())
            .toList();
    assertThat(actions)
        .containsExactlyInAnyOrder(
            "key-issue succeeded", "key-revoke succeeded", "key-revoke refused");
  }

  @Test
  void aDefinitionProducedOntoTheTopicIsRecordedWithActorTopic() {
    var id = "audit-topic-" + UUID.randomUUID();
    records().sendText(TOPIC, id, Jobs.named(id, "direct", EVERY_MINUTE));
    await()
        .atMost(DEADLINE)
        .until(() -> !entries("/admin/audit?actor=topic&jobId=" + id).isEmpty());
    records().sendText(TOPIC, id, null);
    await()
        .atMost(DEADLINE)
        .until(() -> entries("/admin/audit?actor=topic&jobId=" + id).size() == 2);

    var entries = entries("/admin/audit?actor=topic&jobId=" + id);
    assertThat(entries)
        .extracting(e -> e.get("action").asString())
        .containsExactly("delete", "create");
    assertThat(entries).allSatisfy(e -> assertThat(e.get("remoteAddress").isNull()).isTrue());
    assertThat(entries.getLast().get("version").asLong()).isEqualTo(1);
    // the API's own echo of that create is not a change: nothing with another actor
    assertThat(entries("/admin/audit?jobId=" + id)).hasSize(2);
  }

  @Test
  void pagesFollowEachOtherNewestFirstWithoutGapsOrRepeats() {
    var id = "audit-pages-" + UUID.randomUUID();
    api().post("/jobs", Jobs.definition(id, EVERY_MINUTE));
    for (int i = 0; i < 4; i++) {
      api().post("/jobs/" + id + (i % 2 == 0 ? "/pause" : "/resume"));
    }
    var all = entries("/admin/audit?jobId=" + id);
    assertThat(all).hasSize(5);

    var paged = new ArrayList<JsonNode>();
    String cursor = null;
    do {
      var page =
          api()
              .get(
                  "/admin/audit?limit=2&jobId=" + id + (cursor == null ? "" : "&cursor=" + cursor));
      assertThat(page.status()).isEqualTo(200);
      page.json().get("items").forEach(paged::add);
      var next = page.json().get("nextCursor");
      cursor = next.isNull() ? null : next.asString();
    } while (cursor != null);
    assertThat(paged).isEqualTo(all);

    var later = entries("/admin/audit?jobId=" + id + "&since=" + Instant.now().plusSeconds(60));
    assertThat(later).isEmpty();
  }

  @Test
  void badFiltersAreProblems() {
    for (var query : List.of("since=yesterday", "cursor=nonsense!", "limit=0", "limit=x")) {
      var answer = api().get("/admin/audit?" + query);
      assertThat(answer.status()).as(query).isEqualTo(400);
      assertThat(answer.contentType()).startsWith("application/problem+json");
      assertThat(answer.body()).doesNotContain("Exception");
    }
  }

  private List<JsonNode> entries(String path) {
    var answer = api().get(path);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    var items = new ArrayList<JsonNode>();
    answer.json().get("items").forEach(items::add);
    return items;
  }
}
