package dev.punctual.api.job.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.punctual.api.outbox.Outbox;
import dev.punctual.api.outbox.RelayOutbox;
import dev.punctual.api.testing.ApiIntegrationTest;
import dev.punctual.api.testing.Jobs;
import dev.punctual.embedded.TopicReader;
import dev.punctual.model.job.JobDefinition;
import dev.punctual.model.json.JobDefinitionCodec;
import dev.punctual.model.topic.Topics;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Jobs that other producers write to the jobs topic appear in the API, in version order. */
class ProjectJobsIT extends ApiIntegrationTest {

  private static final String TOPIC = Topics.DEFAULT.jobs().name();
  private static final String GROUP = "punctual-api.jobs";

  @Autowired RelayOutbox relay;
  private TopicReader jobsTopic;
  private String id;

  @BeforeEach
  void setUp() {
    jobsTopic = new TopicReader(bootstrapServers(), TOPIC);
    id = "direct-" + UUID.randomUUID();
  }

  @AfterEach
  void tearDown() {
    relay.start(); // in case a test stopped it
    jobsTopic.close();
  }

  @Test
  void aJobProducedDirectlyAppearsInTheApiAndIsRepublishedWithItsVersion() {
    var before = Instant.now().minusSeconds(1);
    records().sendText(TOPIC, id, Jobs.named(id, "direct", "\"every\": \"PT1M\""));

    var job = awaitVersion(1);

    assertThat(job.get("name").asString()).isEqualTo("direct");
    assertThat(Instant.parse(job.get("createdAt").asString())).isAfter(before);
    assertThat(idsInList()).contains(id);
    var last =
        await().atMost(DEADLINE).until(this::lastRecord, r -> Outbox.publishedByApi(r.headers()));
    assertThat(definition(last).version()).isEqualTo(1L);
    assertThat(definition(last).createdAt()).hasToString(job.get("createdAt").asString());
  }

  @Test
  void aDefinitionWithoutIdTakesTheKey() {
    records().sendText(TOPIC, id, Jobs.withoutId("keyed", "\"every\": \"PT1M\""));

    assertThat(awaitVersion(1).get("id").asString()).isEqualTo(id);
  }

  @Test
  void aVersionlessRecordIsTheNextVersionAndAVersionedOneKeepsItsVersion() {
    assertThat(api().post("/jobs", Jobs.named(id, "api", "\"every\": \"PT1M\"")).status())
        .isEqualTo(201);

    records().sendText(TOPIC, id, Jobs.named(id, "direct", "\"every\": \"PT1M\""));
    assertThat(awaitVersion(2).get("name").asString()).isEqualTo("direct");

    records().sendText(TOPIC, id, versioned("jump", 7));
    assertThat(awaitVersion(7).get("name").asString()).isEqualTo("jump");
  }

  @Test
  void anOlderRecordNeverOverwritesANewerOneAndTheTopicEndsWithTheStoredOne() {
    assertThat(api().post("/jobs", Jobs.named(id, "v1", "\"every\": \"PT1M\"")).status())
        .isEqualTo(201);
    assertThat(api().put("/jobs/" + id, Jobs.named(id, "v2", "\"every\": \"PT1M\"")).status())
        .isEqualTo(200);
    await().atMost(DEADLINE).until(() -> pendingInOutbox(id) == 0);

    records().sendText(TOPIC, id, versioned("stale", 1));

    // The stale record is answered by publishing the stored definition again.
    await()
        .atMost(DEADLINE)
        .until(
            () -> jobsTopic.recordsOf(id), r -> r.size() == 4 && definition(r.getLast()) != null);
    var last = definition(lastRecord());
    assertThat(last.version()).isEqualTo(2L);
    assertThat(last.name()).isEqualTo("v2");
    var job = api().get("/jobs/" + id).json();
    assertThat(job.get("name").asString()).isEqualTo("v2");
    assertThat(job.get("version").asLong()).isEqualTo(2);
  }

  @Test
  void aTombstoneFromAnotherProducerDeletesTheJob() {
    assertThat(api().post("/jobs", Jobs.definition(id, "\"every\": \"PT1M\"")).status())
        .isEqualTo(201);

    records().sendText(TOPIC, id, null);

    await().atMost(DEADLINE).until(() -> api().get("/jobs/" + id).status() == 404);
    var last =
        await().atMost(DEADLINE).until(this::lastRecord, r -> Outbox.publishedByApi(r.headers()));
    assertThat(last.value()).as("the API's tombstone").isNull();
  }

  @Test
  void theApisOwnRecordsAreRecognisedAndNotAppliedAgain() {
    assertThat(api().post("/jobs", Jobs.definition(id, "\"every\": \"PT1M\"")).status())
        .isEqualTo(201);
    assertThat(api().post("/jobs/" + id + "/pause").status()).isEqualTo(200);
    assertThat(api().delete("/jobs/" + id).status()).isEqualTo(204);
    await().atMost(DEADLINE).until(() -> pendingInOutbox(id) == 0);

    await().atMost(DEADLINE).until(() -> records().consumedToEnd(GROUP, TOPIC));

    // Neither an echo loop nor the echo of a deleted job bringing it back.
    assertThat(jobsTopic.recordsOf(id)).hasSize(3);
    assertThat(api().get("/jobs/" + id).status()).isEqualTo(404);
  }

  @Test
  void aDirectWriteRacingAPendingApiWriteEndsTheSameInPostgresqlAndOnTheTopic() {
    assertThat(api().post("/jobs", Jobs.named(id, "v1", "\"every\": \"PT1M\"")).status())
        .isEqualTo(201);
    await().atMost(DEADLINE).until(() -> pendingInOutbox(id) == 0);
    relay.stop();
    // An API write waits in the outbox while another producer writes to the topic.
    assertThat(api().put("/jobs/" + id, Jobs.named(id, "api-v2", "\"every\": \"PT1M\"")).status())
        .isEqualTo(200);
    records().sendText(TOPIC, id, Jobs.named(id, "direct", "\"every\": \"PT2M\""));
    var job = awaitVersion(3);
    assertThat(job.get("name").asString()).isEqualTo("direct");

    relay.start();

    await().atMost(DEADLINE).until(() -> pendingInOutbox(id) == 0);
    var records = await().atMost(DEADLINE).until(() -> jobsTopic.recordsOf(id), r -> r.size() == 4);
    // v1 (API), direct (other producer), v2 (API, from the outbox), direct as v3 (republished).
    assertThat(records.stream().map(r -> definition(r).name()))
        .containsExactly("v1", "direct", "api-v2", "direct");
    assertThat(definition(records.getLast()).version()).isEqualTo(3L);
  }

  @Test
  void anUnreadableRecordIsSkippedAndTheProjectionGoesOn() {
    records().sendText(TOPIC, id, "{not json");
    records().sendText(TOPIC, id, Jobs.definition("another-id", "\"every\": \"PT1M\""));
    records().sendText(TOPIC, id, Jobs.named(id, "valid", "\"every\": \"PT1M\""));

    assertThat(awaitVersion(1).get("name").asString()).isEqualTo("valid");
    assertThat(api().get("/jobs/another-id").status()).isEqualTo(404);
  }

  @Test
  void aKafkaTargetOnAReservedTopicNeitherCreatesNorChangesAJob() {
    var other = id + "-reserved";
    records().sendText(TOPIC, other, Jobs.kafka(other, "scheduler.results"));
    assertThat(api().post("/jobs", Jobs.kafka(id, "orders")).status()).isEqualTo(201);
    records().sendText(TOPIC, id, Jobs.kafka(id, "__consumer_offsets"));
    // A later record of the same key shows the projection went past both refused ones.
    records().sendText(TOPIC, other, Jobs.named(other, "after", "\"every\": \"PT1M\""));

    await()
        .atMost(DEADLINE)
        .until(() -> api().get("/jobs/" + other), answer -> answer.status() == 200);
    var after = api().get("/jobs/" + other).json();
    assertThat(after.get("target").get("type").asString()).isEqualTo("http");
    assertThat(after.get("version").asLong()).as("the refused record made no version").isEqualTo(1);
    await().atMost(DEADLINE).until(() -> records().consumedToEnd(GROUP, TOPIC));
    var job = api().get("/jobs/" + id).json();
    assertThat(job.get("target").get("topic").asString()).isEqualTo("orders");
    assertThat(job.get("version").asLong()).isEqualTo(1);
  }

  private tools.jackson.databind.JsonNode awaitVersion(long version) {
    return await()
        .atMost(DEADLINE)
        .until(
            () -> api().get("/jobs/" + id),
            answer -> answer.status() == 200 && answer.json().get("version").asLong() == version)
        .json();
  }

  private List<String> idsInList() {
    var ids = new java.util.ArrayList<String>();
    String cursor = null;
    do {
      var page = api().get("/jobs?limit=500" + (cursor == null ? "" : "&cursor=" + cursor)).json();
      page.get("items").forEach(job -> ids.add(job.get("id").asString()));
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
    } while (cursor != null);
    return ids;
  }

  private String versioned(String name, long version) {
    return Jobs.named(id, name, "\"every\": \"PT1M\"")
        .replace("\"paused\": false", "\"paused\": false, \"version\": " + version);
  }

  private ConsumerRecord<String, byte[]> lastRecord() {
    return await().atMost(DEADLINE).until(this::lastRecordOrNull, r -> r != null);
  }

  private ConsumerRecord<String, byte[]> lastRecordOrNull() {
    var records = jobsTopic.recordsOf(id);
    return records.isEmpty() ? null : records.getLast();
  }

  private static JobDefinition definition(ConsumerRecord<String, byte[]> record) {
    return record.value() == null ? null : JobDefinitionCodec.parse(record.value(), record.key());
  }
}
