package dev.punctual.api.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.punctual.api.testing.ApiClient.Answer;
import dev.punctual.api.testing.ApiIntegrationTest;
import dev.punctual.api.testing.Jobs;
import dev.punctual.embedded.TopicReader;
import dev.punctual.model.json.JobDefinitionCodec;
import dev.punctual.model.topic.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PUT, pause, resume and DELETE with their preconditions, against PostgreSQL and Kafka. */
class JobWritesIT extends ApiIntegrationTest {

  private TopicReader jobsTopic;
  private String id;
  private String path;

  @BeforeEach
  void setUp() {
    jobsTopic = new TopicReader(bootstrapServers(), Topics.DEFAULT.jobs().name());
    id = "writes-" + UUID.randomUUID();
    path = "/jobs/" + id;
    assertThat(api().post("/jobs", Jobs.definition(id, "\"every\": \"PT1M\"")).status())
        .isEqualTo(201);
  }

  @AfterEach
  void tearDown() {
    jobsTopic.close();
  }

  @Test
  void aReplaceWritesTheNextVersionWithItsETagAndPublishesItAfterTheFirst() {
    var read = api().get(path);
    assertThat(read.header("ETag")).startsWith("\"1-");

    var replaced =
        api().put(path, Jobs.definition(id, "\"cron\": \"0 3 * * *\""), "If-Match", "\"1\"");

    assertThat(replaced.status()).isEqualTo(200);
    assertThat(replaced.header("ETag")).startsWith("\"2-");
    var job = replaced.json();
    assertThat(job.get("version").asLong()).isEqualTo(2);
    assertThat(job.get("schedule").get("cron").asString()).isEqualTo("0 3 * * *");
    assertThat(job.get("createdAt")).isEqualTo(read.json().get("createdAt"));
    assertThat(api().get(path).json().get("schedule").has("every")).isFalse();
    assertThat(publishedVersions(2)).containsExactly(1L, 2L);
  }

  @Test
  void aStaleIfMatchIsRefusedWith412AndTheCurrentETag() {
    assertThat(api().put(path, named("first"), "If-Match", "\"1\"").status()).isEqualTo(200);

    var stale = api().put(path, named("second"), "If-Match", "\"1\"");

    assertThat(stale.status()).isEqualTo(412);
    assertThat(stale.contentType()).startsWith("application/problem+json");
    assertThat(stale.header("ETag")).isEqualTo("\"2\"");
    assertThat(stale.json().get("detail").asString()).contains("version 2");
    assertThat(api().get(path).json().get("name").asString()).isEqualTo("first");
  }

  @Test
  void concurrentUpdatesWithTheSameIfMatchLetExactlyOneWin() throws Exception {
    int writers = 8;
    var start = new CountDownLatch(1);
    var answers = new ArrayList<Future<Answer>>();
    try (var pool = Executors.newFixedThreadPool(writers)) {
      for (int i = 0; i < writers; i++) {
        var body = named("writer-" + i);
        answers.add(
            pool.submit(
                () -> {
                  start.await();
                  return api().put(path, body, "If-Match", "\"1\"");
                }));
      }
      start.countDown();
    }

    var statuses = new ArrayList<Integer>();
    String winner = null;
    for (var answer : answers) {
      var got = answer.get();
      statuses.add(got.status());
      if (got.status() == 200) {
        winner = got.json().get("name").asString();
      }
    }
    assertThat(statuses).containsOnly(200, 412).filteredOn(s -> s == 200).hasSize(1);
    var job = api().get(path).json();
    assertThat(job.get("version").asLong()).isEqualTo(2);
    assertThat(job.get("name").asString()).isEqualTo(winner);
  }

  @Test
  void withoutIfMatchTheLastWriteWins() {
    assertThat(api().put(path, named("a")).status()).isEqualTo(200);
    assertThat(api().put(path, named("b")).status()).isEqualTo(200);

    var job = api().get(path).json();
    assertThat(job.get("name").asString()).isEqualTo("b");
    assertThat(job.get("version").asLong()).isEqualTo(3);
  }

  @Test
  void replacingWithTheSameDefinitionKeepsTheVersionAndPublishesNothing() {
    await().atMost(DEADLINE).until(() -> pendingInOutbox(id) == 0);

    var again = api().put(path, Jobs.definition(id, "\"every\": \"PT1M\""), "If-Match", "\"1\"");

    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().get("version").asLong()).isEqualTo(1);
    assertThat(pendingInOutbox(id)).isZero();
    assertThat(publishedVersions(1)).containsExactly(1L);
  }

  @Test
  void aJobReadWithGetCanBeSentBackWithItsReadOnlyFields() {
    var read = api().get(path).json();
    var edited = read.toString().replace("\"name\":\"x\"", "\"name\":\"edited\"");

    var replaced = api().put(path, edited, "If-Match", api().get(path).header("ETag"));

    assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
    assertThat(replaced.json().get("name").asString()).isEqualTo("edited");
    assertThat(replaced.json().get("version").asLong()).isEqualTo(2);
  }

  @Test
  void putCreatesAMissingJobUnlessAPreconditionSaysOtherwise() {
    var newId = id + "-put";

    assertThat(
            api()
                .put(
                    "/jobs/" + newId,
                    Jobs.definition(newId, "\"every\": \"PT1M\""),
                    "If-Match",
                    "*")
                .status())
        .isEqualTo(412);
    var created = api().put("/jobs/" + newId, Jobs.definition(newId, "\"every\": \"PT1M\""));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.header("Location")).isEqualTo("/jobs/" + newId);
    assertThat(created.header("ETag")).startsWith("\"1-");
    var createOnly =
        api()
            .put(
                "/jobs/" + newId,
                Jobs.named(newId, "other", "\"every\": \"PT1M\""),
                "If-None-Match",
                "*");
    assertThat(createOnly.status()).isEqualTo(412);
  }

  @Test
  void anIdInTheBodyMustBeThePathsAndMayBeLeftOut() {
    var other = api().put(path, Jobs.definition("someone-else", "\"every\": \"PT1M\""));
    assertThat(other.status()).isEqualTo(400);
    assertThat(other.errorFields()).containsExactly("id");

    var withoutId = api().put(path, Jobs.withoutId("no-id", "\"every\": \"PT1M\""));
    assertThat(withoutId.status()).isEqualTo(200);
    assertThat(withoutId.json().get("id").asString()).isEqualTo(id);
  }

  @Test
  void pauseAndResumeAreIdempotentAndEachChangeIsPublishedInOrder() {
    var paused = api().post(path + "/pause");
    assertThat(paused.status()).isEqualTo(200);
    assertThat(paused.json().get("status").asString()).isEqualTo("PAUSED");
    assertThat(paused.json().get("paused").asBoolean()).isTrue();
    assertThat(paused.json().get("nextRunAt").isNull()).isTrue();
    assertThat(paused.header("ETag")).startsWith("\"2-");
    assertThat(api().post(path + "/pause").json().get("version").asLong()).isEqualTo(2);

    var resumed = api().post(path + "/resume");
    assertThat(resumed.json().get("status").asString()).isEqualTo("ACTIVE");
    assertThat(resumed.json().get("version").asLong()).isEqualTo(3);
    assertThat(api().post(path + "/resume").json().get("version").asLong()).isEqualTo(3);

    var published =
        await().atMost(DEADLINE).until(() -> jobsTopic.recordsOf(id), r -> r.size() >= 3);
    assertThat(published)
        .extracting(r -> JobDefinitionCodec.parse(r.value(), null).paused())
        .containsExactly(false, true, false);
    assertThat(publishedVersions(3)).containsExactly(1L, 2L, 3L);
  }

  @Test
  void everyWriteChecksIfMatchAndAnUnknownJobIsNotFound() {
    assertThat(api().post(path + "/pause").status()).isEqualTo(200);

    assertThat(api().delete(path, "If-Match", "\"1\"").status()).isEqualTo(412);
    assertThat(postWithIfMatch(path + "/resume", "\"1\"").status()).isEqualTo(412);
    assertThat(postWithIfMatch(path + "/resume", "W/\"2\"").status()).as("weak tag").isEqualTo(412);
    assertThat(postWithIfMatch(path + "/resume", "\"5\", \"2\"").status()).isEqualTo(200);
    assertThat(api().delete(path, "If-Match", "\"3\"").status()).isEqualTo(204);

    assertThat(api().post("/jobs/" + id + "-none/pause").status()).isEqualTo(404);
    assertThat(api().post("/jobs/" + id + "-none/resume").status()).isEqualTo(404);
  }

  @Test
  void aReadWithTheCurrentETagIsNotModified() {
    var etag = api().get(path).header("ETag");

    assertThat(api().get(path, "If-None-Match", etag).status()).isEqualTo(304);
    assertThat(api().get(path, "If-None-Match", "\"1\"").status())
        .as("the version alone is not what the answer shows")
        .isEqualTo(200);
    assertThat(api().put(path, named("renamed"), "If-Match", etag).status()).isEqualTo(200);
    assertThat(api().get(path, "If-None-Match", etag).status()).isEqualTo(200);
  }

  private Answer postWithIfMatch(String target, String etag) {
    return api().post(target, "", "If-Match", etag);
  }

  private String named(String name) {
    return Jobs.named(id, name, "\"every\": \"PT1M\"");
  }

  /** The versions published for the job, once at least {@code count} arrived. */
  private List<Long> publishedVersions(int count) {
    await().atMost(DEADLINE).until(() -> pendingInOutbox(id) == 0);
    List<ConsumerRecord<String, byte[]>> records =
        await().atMost(DEADLINE).until(() -> jobsTopic.recordsOf(id), r -> r.size() >= count);
    return records.stream().map(r -> JobDefinitionCodec.parse(r.value(), null).version()).toList();
  }
}
