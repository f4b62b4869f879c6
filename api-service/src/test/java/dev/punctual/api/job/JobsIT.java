package dev.punctual.api.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.punctual.api.testing.ApiIntegrationTest;
import dev.punctual.api.testing.Jobs;
import dev.punctual.embedded.TopicReader;
import dev.punctual.model.json.JobDefinitionCodec;
import dev.punctual.model.topic.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /jobs against real PostgreSQL and Kafka: storage, the outbox to the jobs topic, pagination. */
class JobsIT extends ApiIntegrationTest {

  private static final List<String> READ_ONLY_FIELDS =
      List.of(
          "status", "nextRunAt", "lastRunAt", "lastRunStatus", "version", "createdAt", "updatedAt");

  private TopicReader jobsTopic;
  private String id;

  @BeforeEach
  void setUp() {
    jobsTopic = new TopicReader(bootstrapServers(), Topics.DEFAULT.jobs().name());
    id = "it-" + UUID.randomUUID();
  }

  @AfterEach
  void tearDown() {
    jobsTopic.close();
  }

  @Test
  void aCreatedJobIsStoredReadableAndPublished() {
    // when
    var created = api().post("/jobs", Jobs.definition(id, "\"cron\": \"0 2 * * *\""));

    // then: answered with the job and where to find it
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.header("Location")).isEqualTo("/jobs/" + id);
    assertThat(created.json().get("version").asLong()).isEqualTo(1);

    // and: readable with every read-only field
    var read = api().get("/jobs/" + id);
    assertThat(read.status()).isEqualTo(200);
    var job = read.json();
    for (var field : READ_ONLY_FIELDS) {
      assertThat(job.has(field)).as("field %s in %s", field, job).isTrue();
    }
    assertThat(job.get("status").asString()).isEqualTo("ACTIVE");
    assertThat(job.get("nextRunAt").asString()).endsWith("T02:00:00Z");
    assertThat(job.get("lastRunAt").isNull()).isTrue();
    assertThat(job.get("createdAt").asString()).isEqualTo(job.get("updatedAt").asString());

    // and: stored
    var stored =
        jdbc.sql("SELECT version, status FROM jobs WHERE id = :id")
            .param("id", id)
            .query((row, n) -> row.getLong("version") + " " + row.getString("status"))
            .single();
    assertThat(stored).isEqualTo("1 ACTIVE");

    // and: published, keyed by id, readable with the shared codec, at version 1
    var records = await().atMost(DEADLINE).until(() -> jobsTopic.recordsOf(id), r -> !r.isEmpty());
    var definition = JobDefinitionCodec.parse(records.getFirst().value(), null);
    assertThat(definition.id()).isEqualTo(id);
    assertThat(definition.version()).isEqualTo(1L);
    assertThat(definition.createdAt()).hasToString(job.get("createdAt").asString());
    awaitOutboxEmptyFor(id);
  }

  @Test
  void creatingTheSameJobAgainIsHarmlessAndADifferentDefinitionConflicts() {
    var body = Jobs.definition(id, "\"every\": \"PT1M\"");
    assertThat(api().post("/jobs", body).status()).isEqualTo(201);

    var again = api().post("/jobs", body);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().get("version").asLong()).isEqualTo(1);

    var different = api().post("/jobs", Jobs.definition(id, "\"every\": \"PT2M\""));
    assertThat(different.status()).isEqualTo(409);
    assertThat(different.contentType()).startsWith("application/problem+json");
    assertThat(different.json().get("detail").asString()).contains(id);

    // Only the one definition was ever published.
    awaitOutboxEmptyFor(id);
    await().atMost(DEADLINE).until(() -> jobsTopic.recordsOf(id), r -> !r.isEmpty());
    assertThat(jobsTopic.recordsOf(id)).hasSize(1);
  }

  @Test
  void aDeletedJobIsGoneAndTombstoned() {
    assertThat(api().post("/jobs", Jobs.definition(id, "\"every\": \"PT1M\"")).status())
        .isEqualTo(201);

    assertThat(api().delete("/jobs/" + id).status()).isEqualTo(204);

    var read = api().get("/jobs/" + id);
    assertThat(read.status()).isEqualTo(404);
    assertThat(read.contentType()).startsWith("application/problem+json");
    assertThat(api().delete("/jobs/" + id).status()).isEqualTo(404);
    var records = await().atMost(DEADLINE).until(() -> jobsTopic.recordsOf(id), r -> r.size() == 2);
    assertThat(records.get(0).value()).isNotNull();
    assertThat(records.get(1).value()).as("tombstone").isNull();
  }

  @Test
  void pagesListEveryJobOnceInIdOrder() {
    var prefix = "page-" + UUID.randomUUID() + "-";
    var ids = new ArrayList<String>();
    for (int i = 0; i < 7; i++) {
      ids.add(prefix + i);
      assertThat(api().post("/jobs", Jobs.definition(prefix + i, "\"every\": \"PT1M\"")).status())
          .isEqualTo(201);
    }

    var seen = new ArrayList<String>();
    var path = "/jobs?limit=3";
    int pages = 0;
    while (path != null) {
      var page = api().get(path).json();
      assertThat(page.get("items").size()).isLessThanOrEqualTo(3);
      page.get("items").forEach(job -> seen.add(job.get("id").asString()));
      var next = page.get("nextCursor");
      path = next.isNull() ? null : "/jobs?limit=3&cursor=" + next.asString();
      assertThat(++pages).as("pages").isLessThan(1_000);
    }

    assertThat(seen).doesNotHaveDuplicates().isSorted();
    assertThat(seen.stream().filter(s -> s.startsWith(prefix))).containsExactlyElementsOf(ids);
  }

  @Test
  void anInvalidDefinitionIsRefusedWithTheFieldAtFault() {
    var answer = api().post("/jobs", Jobs.definition(id, "\"cron\": \"0 25 * * *\""));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(answer.json().get("errors").get(0).get("field").asString())
        .isEqualTo("schedule.cron");
    assertThat(api().get("/jobs/" + id).status()).isEqualTo(404);
  }

  private void awaitOutboxEmptyFor(String jobId) {
    await()
        .atMost(DEADLINE)
        .until(
            () ->
                jdbc.sql("SELECT count(*) FROM outbox WHERE job_id = :id")
                    .param("id", jobId)
                    .query(Long.class)
                    .single(),
            count -> count == 0);
  }
}
