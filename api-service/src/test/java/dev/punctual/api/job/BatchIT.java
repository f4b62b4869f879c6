package dev.punctual.api.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.punctual.api.testing.ApiIntegrationTest;
import dev.punctual.api.testing.Jobs;
import java.util.ArrayList;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** POST /jobs/batch: many jobs in one transaction, with a result per item. */
class BatchIT extends ApiIntegrationTest {

  private final String prefix = "batch-" + UUID.randomUUID() + "-";

  @Test
  void eachItemIsReportedInOrderAndInvalidOnesDoNotStopTheOthers() {
    assertThat(
            api().post("/jobs", Jobs.definition(prefix + "same", "\"every\": \"PT1M\"")).status())
        .isEqualTo(201);
    assertThat(
            api().post("/jobs", Jobs.definition(prefix + "taken", "\"every\": \"PT1M\"")).status())
        .isEqualTo(201);
    var body =
        batch(
            Jobs.definition(prefix + "new", "\"every\": \"PT1M\""),
            Jobs.definition(prefix + "invalid", "\"cron\": \"0 25 * * *\""),
            Jobs.definition(prefix + "same", "\"every\": \"PT1M\""),
            Jobs.definition(prefix + "taken", "\"every\": \"PT5M\""),
            Jobs.withoutId("generated", "\"every\": \"PT1M\""),
            Jobs.definition(prefix + "unknown", "\"every\": \"PT1M\"")
                .replace("\"paused\"", "\"colour\""),
            "42");

    var answer = api().post("/jobs/batch", body);

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    var items = answer.json().get("items");
    assertThat(statuses(items)).containsExactly(201, 400, 200, 409, 201, 400, 400);
    assertThat(items.get(0).get("id").asString()).isEqualTo(prefix + "new");
    assertThat(items.get(0).get("error").isNull()).isTrue();
    var invalid = items.get(1).get("error");
    assertThat(invalid.get("status").asInt()).isEqualTo(400);
    assertThat(invalid.get("errors").get(0).get("field").asString()).isEqualTo("schedule.cron");
    assertThat(items.get(3).get("error").get("detail").asString()).contains("different definition");
    assertThat(items.get(4).get("id").asString()).matches("[0-9a-f-]{36}");
    assertThat(items.get(5).get("error").get("errors").get(0).get("field").asString())
        .isEqualTo("colour");
    assertThat(items.get(6).get("id").isNull()).isTrue();

    assertThat(api().get("/jobs/" + prefix + "new").status()).isEqualTo(200);
    assertThat(api().get("/jobs/" + items.get(4).get("id").asString()).status()).isEqualTo(200);
    assertThat(api().get("/jobs/" + prefix + "invalid").status()).isEqualTo(404);
    assertThat(
            api().get("/jobs/" + prefix + "taken").json().get("schedule").get("every").asString())
        .isEqualTo("PT1M");
    await().atMost(DEADLINE).until(() -> pendingInOutbox(prefix + "new") == 0);
  }

  @Test
  void anItemWithAKafkaTargetOnAReservedTopicIsInvalidAndTheOthersAreCreated() {
    var body =
        batch(
            Jobs.kafka(prefix + "allowed", "orders"),
            Jobs.kafka(prefix + "reserved", "scheduler.fires"),
            Jobs.kafka(prefix + "internal", "__transaction_state"));

    var answer = api().post("/jobs/batch", body);

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    var items = answer.json().get("items");
    assertThat(statuses(items)).containsExactly(201, 400, 400);
    for (var refused : new JsonNode[] {items.get(1), items.get(2)}) {
      var error = refused.get("error").get("errors").get(0);
      assertThat(error.get("field").asString()).isEqualTo("target.topic");
      assertThat(error.get("message").asString())
          .contains("a Kafka target must write to another topic");
    }
    assertThat(api().get("/jobs/" + prefix + "allowed").status()).isEqualTo(200);
    assertThat(api().get("/jobs/" + prefix + "reserved").status()).isEqualTo(404);
    assertThat(api().get("/jobs/" + prefix + "internal").status()).isEqualTo(404);
  }

  @Test
  void aRepeatedIdIsMatchedAgainstTheItemThatCreatedItAndEveryNewJobIsPublishedOnce() {
    var body =
        batch(
            Jobs.definition(prefix + "a", "\"every\": \"PT1M\""),
            Jobs.definition(prefix + "a", "\"every\": \"PT1M\""),
            Jobs.definition(prefix + "a", "\"every\": \"PT5M\""),
            Jobs.definition(prefix + "b", "\"every\": \"PT1M\""));

    var answer = api().post("/jobs/batch", body);

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(statuses(answer.json().get("items"))).containsExactly(201, 200, 409, 201);
    for (var id : java.util.List.of(prefix + "a", prefix + "b")) {
      var job = api().get("/jobs/" + id).json();
      assertThat(job.get("version").asLong()).isEqualTo(1);
      assertThat(job.get("schedule").get("every").asString()).isEqualTo("PT1M");
      assertThat(job.get("createdAt").asString()).isEqualTo(job.get("updatedAt").asString());
      var audited =
          jdbc.sql("SELECT status FROM audit_log WHERE job_id = :id ORDER BY id")
              .param("id", id)
              .query(Integer.class)
              .list();
      assertThat(audited)
          .isEqualTo(id.endsWith("a") ? java.util.List.of(201, 200, 409) : java.util.List.of(201));
    }
    try (var topic =
        new dev.punctual.embedded.TopicReader(
            bootstrapServers(), dev.punctual.model.topic.Topics.DEFAULT.jobs().name())) {
      await()
          .atMost(DEADLINE)
          .until(
              () ->
                  topic.recordsOf(prefix + "a").size() == 1
                      && topic.recordsOf(prefix + "b").size() == 1);
    }
    assertThat(pendingInOutbox(prefix + "a") + pendingInOutbox(prefix + "b")).isZero();
  }

  @Test
  void aThousandJobsAreCreatedInOneRequest() {
    var definitions =
        IntStream.range(0, 1_000)
            .mapToObj(i -> Jobs.definition(prefix + i, "\"every\": \"PT1M\""))
            .toArray(String[]::new);

    var answer = api().post("/jobs/batch", batch(definitions));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(statuses(answer.json().get("items"))).hasSize(1_000).containsOnly(201);
    assertThat(
            jdbc.sql("SELECT count(*) FROM jobs WHERE id LIKE :prefix")
                .param("prefix", prefix + "%")
                .query(Long.class)
                .single())
        .isEqualTo(1_000);
  }

  @Test
  void moreThanAThousandJobsOrAnotherShapeIsABadRequest() {
    var tooMany = batch(IntStream.range(0, 1_001).mapToObj(i -> "{}").toArray(String[]::new));
    var answer = api().post("/jobs/batch", tooMany);
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.errorFields()).containsExactly("jobs");
    assertThat(answer.json().get("detail").asString()).contains("at most 1000");

    var unknown = api().post("/jobs/batch", "{\"jobs\": [], \"dryRun\": true}");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.errorFields()).containsExactly("dryRun");

    assertThat(api().post("/jobs/batch", "[]").status()).isEqualTo(400);
    assertThat(api().post("/jobs/batch", "{\"jobs\": {}}").errorFields()).containsExactly("jobs");
    assertThat(api().post("/jobs/batch", "{\"jobs\": [").status()).isEqualTo(400);
    assertThat(api().post("/jobs/batch", "{\"jobs\": []}").json().get("items").size()).isZero();
  }

  private static String batch(String... definitions) {
    return "{\"jobs\": [" + String.join(",", definitions) + "]}";
  }

  private static ArrayList<Integer> statuses(JsonNode items) {
    var statuses = new ArrayList<Integer>();
    items.forEach(item -> statuses.add(item.get("status").asInt()));
    return statuses;
  }
}
