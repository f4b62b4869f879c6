package dev.punctual.api.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.punctual.api.testing.ApiIntegrationTest;
import dev.punctual.api.testing.Jobs;
import dev.punctual.model.event.ExecutionFinished;
import dev.punctual.model.event.JobFired;
import dev.punctual.model.job.JobDefinition;
import dev.punctual.model.json.JobDefinitionCodec;
import dev.punctual.model.json.Json;
import dev.punctual.model.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Fires projected next to results: an attempt shows as FIRED until its result arrives, every
 * attempt of a fire is listed under its id, and scheduled fires count towards maxRuns.
 */
class FiresIT extends ApiIntegrationTest {

  private static final Instant SCHEDULED = Instant.parse("2027-03-13T07:30:00Z");

  private String jobId;
  private JobDefinition definition;

  @BeforeEach
  void setUp() {
    jobId = "fires-" + UUID.randomUUID();
    var body =
        Jobs.definition(
            jobId, "\"every\": \"PT1H\", \"maxRuns\": 3, \"startAt\": \"2030-01-01T00:00:00Z\"");
    assertThat(api().post("/jobs", body).status()).isEqualTo(201);
    definition = JobDefinitionCodec.parse(body.getBytes(StandardCharsets.UTF_8), null);
  }

  @Test
  void anAttemptIsFiredUntilItsResultArrives() {
    var fire = JobFired.scheduled(definition, SCHEDULED, SCHEDULED.plusMillis(3), 0);

    sendFire(fire);

    var fired = awaitExecutions(1).get(0);
    assertThat(fired.get("status").asString()).isEqualTo("FIRED");
    assertThat(fired.get("startedAt").isNull()).isTrue();
    assertThat(fired.get("trigger").asString()).isEqualTo("SCHEDULE");
    var job = api().get("/jobs/" + jobId).json();
    assertThat(job.get("lastRunStatus").asString()).isEqualTo("FIRED");
    assertThat(job.get("lastRunAt").asString()).isEqualTo("2027-03-13T07:30:00.003Z");

    sendResult(succeeded(fire));

    await()
        .atMost(DEADLINE)
        .until(() -> awaitExecutions(1).get(0).get("status").asString(), "SUCCEEDED"::equals);
    assertThat(awaitExecutions(1)).hasSize(1);
    job = api().get("/jobs/" + jobId).json();
    assertThat(job.get("lastRunStatus").asString()).isEqualTo("SUCCEEDED");
    assertThat(job.get("lastRunAt").asString()).isEqualTo("2027-03-13T07:30:00.010Z");
  }

  @Test
  void aResultThatArrivesBeforeItsFireKeepsItsOutcome() {
    var fire = JobFired.scheduled(definition, SCHEDULED, SCHEDULED.plusMillis(3), 0);
    sendResult(succeeded(fire));
    await().atMost(DEADLINE).until(() -> awaitExecutions(1).size() == 1);

    sendFire(fire);
    var marker =
        JobFired.scheduled(definition, SCHEDULED.plusSeconds(3600), SCHEDULED.plusSeconds(3600), 0);
    sendFire(marker); // same partition, after the fire: once it shows, the fire was applied

    var executions = awaitExecutions(2);
    assertThat(executions.get(1).get("status").asString()).isEqualTo("SUCCEEDED");
    assertThat(api().get("/jobs/" + jobId).json().get("lastRunStatus").asString())
        .isEqualTo("FIRED");
  }

  @Test
  void everyAttemptOfAFireIsListedUnderItsIdAndTheStatusFilterSelects() {
    var first = JobFired.scheduled(definition, SCHEDULED, SCHEDULED, 0);
    var retry =
        JobFired.retry(
            definition,
            first.fireId(),
            SCHEDULED,
            2,
            SCHEDULED.plusSeconds(1),
            SCHEDULED.plusSeconds(1),
            null);
    sendFire(first);
    sendResult(failed(first));
    sendFire(retry);
    await().atMost(DEADLINE).until(() -> awaitExecutions(1).size() == 2);

    var fire = api().get("/executions/" + first.fireId());

    assertThat(fire.status()).isEqualTo(200);
    var json = fire.json();
    assertThat(json.get("fireId").asString()).isEqualTo(first.fireId());
    assertThat(json.get("jobId").asString()).isEqualTo(jobId);
    var attempts = json.get("attempts");
    assertThat(attempts.size()).isEqualTo(2);
    assertThat(attempts.get(0).get("attempt").asInt()).isEqualTo(1);
    assertThat(attempts.get(0).get("status").asString()).isEqualTo("FAILED");
    assertThat(attempts.get(1).get("status").asString()).isEqualTo("FIRED");
    assertThat(attempts.get(1).get("trigger").asString()).isEqualTo("RETRY");

    var onlyFired = api().get("/jobs/" + jobId + "/executions?status=FIRED").json().get("items");
    assertThat(onlyFired.size()).isEqualTo(1);
    assertThat(onlyFired.get(0).get("attempt").asInt()).isEqualTo(2);
    var invalid = api().get("/jobs/" + jobId + "/executions?status=DONE");
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.errorFields()).containsExactly("status");
    var unknown = api().get("/executions/" + jobId + "@1");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.contentType()).startsWith("application/problem+json");
  }

  @Test
  void scheduledFiresCountTowardsMaxRunsOnceEach() {
    var first = JobFired.scheduled(definition, SCHEDULED, SCHEDULED, 0);
    sendFire(first);
    sendFire(first); // delivered twice
    sendResult(succeeded(first));
    var manual = JobFired.manual(definition, "r1", SCHEDULED.plusSeconds(5));
    sendFire(manual);
    await().atMost(DEADLINE).until(() -> awaitExecutions(1).size() == 2);

    var runs = api().get("/jobs/" + jobId + "/next-runs?count=10").json().get("runs");

    // maxRuns 3, one scheduled run so far (the manual one does not count).
    assertThat(runs.size()).isEqualTo(2);
  }

  private void sendFire(JobFired fire) {
    records().send(Topics.DEFAULT.fires().name(), fire.jobId(), Json.toBytes(fire));
  }

  private void sendResult(ExecutionFinished result) {
    records().send(Topics.DEFAULT.results().name(), result.jobId(), Json.toBytes(result));
  }

  /** The result of a fire's successful first attempt, as a worker reports it. */
  static ExecutionFinished succeeded(JobFired fire) {
    return ExecutionFinished.succeeded(
        fire,
        "worker-1",
        fire.firedAt().plusMillis(7),
        fire.firedAt().plusMillis(50),
        JsonNodeFactory.instance.objectNode().put("httpStatus", 200));
  }

  private static ExecutionFinished failed(JobFired fire) {
    return ExecutionFinished.failed(
        fire,
        "worker-1",
        fire.firedAt().plusMillis(7),
        fire.firedAt().plusMillis(50),
        JsonNodeFactory.instance.objectNode().put("httpStatus", 503),
        "HTTP 503");
  }

  /** The job's executions, newest first, once there are at least {@code count}. */
  private List<JsonNode> awaitExecutions(int count) {
    return await()
        .atMost(DEADLINE)
        .until(
            () -> {
              var items = new ArrayList<JsonNode>();
              api().get("/jobs/" + jobId + "/executions").json().get("items").forEach(items::add);
              return items;
            },
            items -> items.size() >= count);
  }
}
