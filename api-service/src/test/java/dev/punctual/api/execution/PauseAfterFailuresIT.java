package dev.punctual.api.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.punctual.api.testing.ApiIntegrationTest;
import dev.punctual.embedded.TopicReader;
import dev.punctual.model.event.ExecutionFinished;
import dev.punctual.model.event.ExecutionStatus;
import dev.punctual.model.event.FireIds;
import dev.punctual.model.event.Trigger;
import dev.punctual.model.json.JobDefinitionCodec;
import dev.punctual.model.json.Json;
import dev.punctual.model.topic.Topics;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code pauseAfterFailures}: results piped into the results topic with a real producer pause the
 * job after N consecutive failed occurrences, publish the paused definition and audit it; resume
 * clears the reason and the count.
 */
class PauseAfterFailuresIT extends ApiIntegrationTest {

  private static final Instant FIRST = Instant.parse("2027-03-13T07:00:00Z");

  private TopicReader jobsTopic;
  private String jobId;

  @BeforeEach
  void setUp() {
    jobsTopic = new TopicReader(bootstrapServers(), Topics.DEFAULT.jobs().name());
    jobId = "streak-" + UUID.randomUUID();
    var body =
        """
        {"id": "%s", "schedule": {"every": "PT1M", "pauseAfterFailures": 3},
         "target": {"type": "http", "url": "https://example.com/run"},
         "retry": {"maxAttempts": 2}}
        """
            .formatted(jobId);
    assertThat(api().post("/jobs", body).status()).isEqualTo(201);
  }

  @AfterEach
  void tearDown() {
    jobsTopic.close();
  }

  @Test
  void threeFinalFailuresInARowPauseTheJobAndResumeClearsIt() {
    // given: a failure, a success (resets), then manual and backfill failures (not occurrences),
    // a retryable first attempt (not final) and three final failures (last attempt, not retryable,
    // a timeout on the last attempt); every record sent twice, as a re-delivery would.
    send(result(0, 1, Trigger.SCHEDULE, ExecutionStatus.FAILED, false));
    send(result(1, 1, Trigger.SCHEDULE, ExecutionStatus.SUCCEEDED, false));
    send(manual(ExecutionStatus.FAILED));
    send(result(9, 1, Trigger.BACKFILL, ExecutionStatus.FAILED, false));
    send(result(2, 1, Trigger.SCHEDULE, ExecutionStatus.FAILED, true));
    send(result(2, 2, Trigger.RETRY, ExecutionStatus.FAILED, true));
    send(result(3, 1, Trigger.SCHEDULE, ExecutionStatus.FAILED, false));
    awaitProjected(3, 1);
    assertThat(api().get("/jobs/" + jobId).json().get("status").asString()).isEqualTo("ACTIVE");

    send(result(4, 1, Trigger.SCHEDULE, ExecutionStatus.TIMED_OUT, true));
    send(result(4, 2, Trigger.RETRY, ExecutionStatus.TIMED_OUT, true));

    var job =
        await()
            .atMost(DEADLINE)
            .until(
                () -> api().get("/jobs/" + jobId).json(),
                json -> json.get("status").asString().equals("PAUSED"));
    assertThat(job.get("pausedReason").asString()).isEqualTo("FAILURES");
    assertThat(job.get("paused").asBoolean()).isTrue();
    assertThat(job.get("version").asLong()).isEqualTo(2);
    var published =
        await()
            .atMost(DEADLINE)
            .until(() -> jobsTopic.recordsOf(jobId), records -> records.size() >= 2);
    assertThat(published).hasSize(2);
    assertThat(JobDefinitionCodec.parse(published.getLast().value(), null).paused()).isTrue();
    assertThat(
            jdbc.sql("SELECT actor FROM audit_log WHERE job_id = :id AND action = 'pause'")
                .param("id", jobId)
                .query(String.class)
                .list())
        .containsExactly("pause-after-failures");

    var resumed = api().post("/jobs/" + jobId + "/resume");
    assertThat(resumed.json().get("status").asString()).isEqualTo("ACTIVE");
    assertThat(resumed.json().get("pausedReason").isNull()).isTrue();
    assertThat(failures()).isZero();
    var paused = api().post("/jobs/" + jobId + "/pause");
    assertThat(paused.json().get("pausedReason").asString()).isEqualTo("MANUAL");
  }

  private void awaitProjected(int occurrence, int attempt) {
    var fireId = FireIds.scheduled(jobId, FIRST.plusSeconds(60L * occurrence));
    await()
        .atMost(DEADLINE)
        .until(
            () ->
                jdbc.sql(
                            "SELECT count(*) FROM executions WHERE fire_id = :f AND attempt = :a"
                                + " AND finished_at IS NOT NULL")
                        .param("f", fireId)
                        .param("a", attempt)
                        .query(Long.class)
                        .single()
                    == 1);
    assertThat(failures()).as("a success reset the count; then occurrences 2 and 3").isEqualTo(2);
  }

  private int failures() {
    return jdbc.sql("SELECT consecutive_failures FROM jobs WHERE id = :id")
        .param("id", jobId)
        .query(Integer.class)
        .single();
  }

  private void send(ExecutionFinished result) {
    for (int i = 0; i < 2; i++) {
      records().send(Topics.DEFAULT.results().name(), jobId, Json.toBytes(result));
    }
  }

  private ExecutionFinished result(
      int occurrence, int attempt, Trigger trigger, ExecutionStatus status, boolean retryable) {
    var scheduledAt = FIRST.plusSeconds(60L * occurrence);
    return finished(
        FireIds.scheduled(jobId, scheduledAt), scheduledAt, attempt, trigger, status, retryable);
  }

  private ExecutionFinished manual(ExecutionStatus status) {
    return finished(FireIds.manual(jobId, "r1"), FIRST, 1, Trigger.MANUAL, status, false);
  }

  private ExecutionFinished finished(
      String fireId,
      Instant scheduledAt,
      int attempt,
      Trigger trigger,
      ExecutionStatus status,
      boolean retryable) {
    var ok = status == ExecutionStatus.SUCCEEDED;
    return new ExecutionFinished(
        fireId,
        jobId,
        attempt,
        trigger,
        status,
        scheduledAt,
        scheduledAt,
        scheduledAt.plusMillis(5),
        scheduledAt.plusMillis(50),
        "worker-1",
        null,
        ok ? null : "HTTP 500",
        ok ? false : retryable);
  }
}
