package dev.punctual.api.job.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.punctual.api.testing.ApiIntegrationTest;
import dev.punctual.api.testing.Jobs;
import dev.punctual.embedded.TopicReader;
import dev.punctual.model.event.JobFired;
import dev.punctual.model.job.RunProgress;
import dev.punctual.model.json.JobDefinitionCodec;
import dev.punctual.model.json.Json;
import dev.punctual.model.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** POST /admin/resync/topic and /admin/resync/database. */
class ResyncIT extends ApiIntegrationTest {

  private final String prefix = "resync-" + UUID.randomUUID() + "-";
  private TopicReader jobsTopic;

  @BeforeEach
  void setUp() {
    jobsTopic = new TopicReader(bootstrapServers(), Topics.DEFAULT.jobs().name());
  }

  @AfterEach
  void tearDown() {
    jobsTopic.close();
  }

  @Test
  void resyncTopicRepublishesEveryJobAtItsVersion() {
    create("a");
    create("b");
    assertThat(api().post("/jobs/" + prefix + "b/pause").status()).isEqualTo(200);
    awaitPublished("a", 1);
    awaitPublished("b", 2);

    var answer = api().post("/admin/resync/topic");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().get("republished").asLong()).isGreaterThanOrEqualTo(2);
    assertThat(versions(awaitPublished("a", 2))).containsExactly(1L, 1L);
    assertThat(versions(awaitPublished("b", 3))).containsExactly(1L, 2L, 2L);
  }

  @Test
  void resyncTopicCarriesEachJobsRunProgressOnItsRecord() {
    var id = prefix + "twice";
    var body = Jobs.definition(id, "\"every\": \"PT1H\", \"maxRuns\": 2");
    assertThat(api().post("/jobs", body).status()).isEqualTo(201);
    create("fresh");
    var definition = JobDefinitionCodec.parse(body.getBytes(StandardCharsets.UTF_8), null);
    var first = Instant.parse("2027-03-13T07:00:00Z");
    var second = first.plus(Duration.ofHours(1));
    // the fires the scheduler wrote, and a manual one, which does not count
    for (var fire :
        List.of(
            JobFired.scheduled(definition, second, second, 0),
            JobFired.scheduled(definition, first, first, 0),
            JobFired.manual(definition, "by-hand", second.plusSeconds(60)))) {
      records().send(Topics.DEFAULT.fires().name(), id, Json.toBytes(fire));
    }
    await()
        .atMost(DEADLINE)
        .until(() -> api().get("/jobs/" + id).json().get("status").asString(), "COMPLETED"::equals);
    awaitPublished("fresh", 1);

    assertThat(api().post("/admin/resync/topic").status()).isEqualTo(200);

    var twice = JobDefinitionCodec.parseRecord(awaitPublished("twice", 2).getLast().value(), id);
    assertThat(twice.progress()).isEqualTo(new RunProgress(2, second, true));
    assertThat(twice.definition().version()).isEqualTo(1);
    var fresh =
        JobDefinitionCodec.parseRecord(awaitPublished("fresh", 2).getLast().value(), prefix);
    assertThat(fresh.progress()).isEqualTo(new RunProgress(0, null, false));
  }

  @Test
  void resyncDatabaseBringsPostgresqlUpToTheTopic() {
    create("lost");
    create("older");
    assertThat(
            api()
                .put(
                    "/jobs/" + prefix + "older",
                    Jobs.named(prefix + "older", "v2", "\"every\": \"PT1M\""))
                .status())
        .isEqualTo(200);
    create("deleted");
    assertThat(api().delete("/jobs/" + prefix + "deleted").status()).isEqualTo(204);
    create("only-in-db");
    awaitPublished("lost", 1);
    awaitPublished("older", 2);
    awaitPublished("deleted", 2);
    awaitPublished("only-in-db", 1);
    // As if PostgreSQL came back from an older dump:
    var old = OffsetDateTime.now(ZoneOffset.UTC).minusDays(1);
    jdbc.sql("DELETE FROM jobs WHERE id = :id").param("id", prefix + "lost").update();
    jdbc.sql(
            "UPDATE jobs SET version = 1, name = 'v1', updated_at = :old,"
                + " definition = jsonb_set(jsonb_set(definition, '{version}', '1'), '{name}', '\"v1\"')"
                + " WHERE id = :id")
        .param("old", old)
        .param("id", prefix + "older")
        .update();
    jdbc.sql(
            "INSERT INTO jobs (id, name, definition, status, version, created_at, updated_at)"
                + " SELECT :id, name, jsonb_set(definition, '{id}', to_jsonb(CAST(:id AS text))),"
                + " status, version, created_at, :old FROM jobs WHERE id = :from")
        .param("id", prefix + "deleted")
        .param("from", prefix + "only-in-db")
        .param("old", old)
        .update();

    var answer = api().post("/admin/resync/database");

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    var counts = answer.json();
    assertThat(counts.get("created").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(counts.get("updated").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(counts.get("deleted").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(api().get("/jobs/" + prefix + "lost").json().get("version").asLong()).isEqualTo(1);
    var older = api().get("/jobs/" + prefix + "older").json();
    assertThat(older.get("name").asString()).isEqualTo("v2");
    assertThat(older.get("version").asLong()).isEqualTo(2);
    assertThat(api().get("/jobs/" + prefix + "deleted").status()).isEqualTo(404);
    assertThat(api().get("/jobs/" + prefix + "only-in-db").status()).isEqualTo(200);
  }

  @Test
  void resyncDatabaseSkipsAKafkaTargetOnAReservedTopic() {
    var id = prefix + "reserved";
    records().sendText(Topics.DEFAULT.jobs().name(), id, Jobs.kafka(id, "scheduler.commands"));
    awaitPublished("reserved", 1);

    var answer = api().post("/admin/resync/database");

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(answer.json().get("skipped").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(api().get("/jobs/" + id).status()).isEqualTo(404);
  }

  private void create(String name) {
    var answer = api().post("/jobs", Jobs.named(prefix + name, name, "\"every\": \"PT1M\""));
    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
  }

  private List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> awaitPublished(
      String name, int count) {
    return await()
        .atMost(DEADLINE)
        .until(() -> jobsTopic.recordsOf(prefix + name), r -> r.size() >= count);
  }

  private static List<Long> versions(
      List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> records) {
    return records.stream().map(r -> JobDefinitionCodec.parse(r.value(), null).version()).toList();
  }
}
