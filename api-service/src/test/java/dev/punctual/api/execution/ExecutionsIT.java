package dev.punctual.api.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.punctual.api.testing.ApiIntegrationTest;
import dev.punctual.api.testing.Jobs;
import dev.punctual.model.event.ExecutionFinished;
import dev.punctual.model.event.ExecutionStatus;
import dev.punctual.model.event.Trigger;
import dev.punctual.model.json.Json;
import dev.punctual.model.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** Results produced onto the results topic show up as executions and as the job's last run. */
class ExecutionsIT extends ApiIntegrationTest {

  private static final Duration DEADLINE = Duration.ofSeconds(30);
  private static final Instant SCHEDULED = Instant.parse("2027-03-13T07:30:00Z");
  private static final List<String> EXECUTION_FIELDS =
      List.of(
          "fireId",
          "attempt",
          "trigger",
          "status",
          "scheduledAt",
          "dueAt",
          "startedAt",
          "finishedAt",
          "workerId",
          "detail",
          "error");

  private KafkaProducer<String, byte[]> producer;
  private String jobId;

  @BeforeEach
  void setUp() {
    producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()),
            new StringSerializer(),
            new ByteArraySerializer());
    jobId = "exec-" + UUID.randomUUID();
    var created = api().post("/jobs", Jobs.definition(jobId, "\"cron\": \"30 7 * * *\""));
    assertThat(created.status()).isEqualTo(201);
  }

  @AfterEach
  void tearDown() {
    producer.close();
  }

  @Test
  void aResultShowsUpAsAnExecutionAndAsTheLastRun() {
    var failed = result(jobId, 1, Trigger.SCHEDULE, ExecutionStatus.FAILED, "HTTP 503");
    var retried = result(jobId, 2, Trigger.RETRY, ExecutionStatus.SUCCEEDED, null);

    send(jobId, Json.toBytes(failed));
    // A record nobody can read is skipped, and the projection goes on.
    send(jobId, "{not json".getBytes(StandardCharsets.UTF_8));
    // So is one whose data PostgreSQL refuses (text with a NUL character, attempt 0).
    send(jobId, Json.toBytes(result(jobId, 3, Trigger.RETRY, ExecutionStatus.FAILED, "nul\u0000")));
    var zero = Json.toText(result(jobId, 1, Trigger.RETRY, ExecutionStatus.FAILED, "zero"));
    send(jobId, zero.replace("\"attempt\":1", "\"attempt\":0").getBytes(StandardCharsets.UTF_8));
    send(jobId, Json.toBytes(retried));
    send(jobId, Json.toBytes(retried)); // delivered twice: still one execution

    var items =
        await()
            .atMost(DEADLINE)
            .until(
                () -> api().get("/jobs/" + jobId + "/executions").json().get("items"),
                i -> i.size() == 2);
    var newest = items.get(0);
    assertThat(fieldNames(newest)).containsExactlyElementsOf(EXECUTION_FIELDS);
    assertThat(newest.get("fireId").asString()).isEqualTo(retried.fireId());
    assertThat(newest.get("attempt").asInt()).isEqualTo(2);
    assertThat(newest.get("trigger").asString()).isEqualTo("RETRY");
    assertThat(newest.get("status").asString()).isEqualTo("SUCCEEDED");
    assertThat(newest.get("scheduledAt").asString()).isEqualTo("2027-03-13T07:30:00Z");
    assertThat(newest.get("startedAt").asString()).isEqualTo(retried.startedAt().toString());
    assertThat(newest.get("workerId").asString()).isEqualTo("worker-1");
    assertThat(newest.get("detail").get("httpStatus").asInt()).isEqualTo(200);
    assertThat(newest.get("error").isNull()).isTrue();
    var oldest = items.get(1);
    assertThat(oldest.get("status").asString()).isEqualTo("FAILED");
    assertThat(oldest.get("error").asString()).isEqualTo("HTTP 503");

    var job = api().get("/jobs/" + jobId).json();
    assertThat(job.get("lastRunAt").asString()).isEqualTo(retried.startedAt().toString());
    assertThat(job.get("lastRunStatus").asString()).isEqualTo("SUCCEEDED");
  }

  @Test
  void anETagReadBeforeARunIsNotModifiedNoMoreOnceTheRunShowsButStillWrites() {
    var path = "/jobs/" + jobId;
    var before = api().get(path);
    var etag = before.header("ETag");
    assertThat(before.json().get("lastRunStatus").isNull()).isTrue();
    assertThat(api().get(path, "If-None-Match", etag).status()).isEqualTo(304);

    send(jobId, Json.toBytes(result(jobId, 1, Trigger.SCHEDULE, ExecutionStatus.SUCCEEDED, null)));
    await()
        .atMost(DEADLINE)
        .until(() -> api().get(path).json().get("lastRunStatus").asString(""), "SUCCEEDED"::equals);

    var after = api().get(path, "If-None-Match", etag);
    assertThat(after.status()).isEqualTo(200);
    assertThat(after.json().get("lastRunStatus").asString()).isEqualTo("SUCCEEDED");
    assertThat(after.json().get("lastRunAt").isNull()).isFalse();
    assertThat(after.header("ETag")).isNotEqualTo(etag).startsWith("\"1-");
    assertThat(api().get(path, "If-None-Match", after.header("ETag")).status()).isEqualTo(304);
    // The run changed no definition: a write conditional on the old tag still holds.
    var renamed = Jobs.named(jobId, "renamed", "\"cron\": \"30 7 * * *\"");
    assertThat(api().put(path, renamed, "If-Match", etag).status()).isEqualTo(200);
  }

  @Test
  void executionsArePagedNewestFirst() {
    var fireIds = new ArrayList<String>();
    for (int i = 0; i < 5; i++) {
      var result =
          result(
              jobId,
              1,
              Trigger.SCHEDULE,
              ExecutionStatus.SUCCEEDED,
              null,
              SCHEDULED.plusSeconds(60L * i));
      fireIds.add(0, result.fireId());
      send(jobId, Json.toBytes(result));
    }
    await()
        .atMost(DEADLINE)
        .until(
            () -> api().get("/jobs/" + jobId + "/executions?limit=500").json().get("items").size(),
            size -> size == 5);

    var seen = new ArrayList<String>();
    var path = "/jobs/" + jobId + "/executions?limit=2";
    while (path != null) {
      var page = api().get(path).json();
      assertThat(page.get("items").size()).isLessThanOrEqualTo(2);
      page.get("items").forEach(e -> seen.add(e.get("fireId").asString()));
      var next = page.get("nextCursor");
      path =
          next.isNull() ? null : "/jobs/" + jobId + "/executions?limit=2&cursor=" + next.asString();
    }
    assertThat(seen).containsExactlyElementsOf(fireIds);
  }

  @Test
  void theExecutionsOfAnUnknownJobAreNotFound() {
    var answer = api().get("/jobs/no-such-job/executions");

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.contentType()).startsWith("application/problem+json");
  }

  private void send(String key, byte[] value) {
    try {
      producer.send(new ProducerRecord<>(Topics.DEFAULT.results().name(), key, value)).get();
    } catch (Exception e) {
      throw new IllegalStateException("cannot produce a result", e);
    }
  }

  private static ExecutionFinished result(
      String jobId, int attempt, Trigger trigger, ExecutionStatus status, String error) {
    return result(jobId, attempt, trigger, status, error, SCHEDULED);
  }

  private static ExecutionFinished result(
      String jobId,
      int attempt,
      Trigger trigger,
      ExecutionStatus status,
      String error,
      Instant scheduledAt) {
    var due = scheduledAt.plusSeconds(attempt - 1L);
    var detail = JsonNodeFactory.instance.objectNode().put("httpStatus", error == null ? 200 : 503);
    return new ExecutionFinished(
        jobId + "@" + scheduledAt.toEpochMilli(),
        jobId,
        attempt,
        trigger,
        status,
        scheduledAt,
        due,
        due.plusMillis(12),
        due.plusMillis(250),
        "worker-1",
        detail,
        error,
        null); // retryable as its status says
  }

  private static List<String> fieldNames(JsonNode node) {
    var names = new ArrayList<String>();
    Iterator<String> iterator = node.propertyNames().iterator();
    iterator.forEachRemaining(names::add);
    return names;
  }
}
