package dev.punctual.model.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.punctual.model.job.HttpTarget;
import dev.punctual.model.job.JobDefinition;
import dev.punctual.model.job.KafkaTarget;
import dev.punctual.model.json.Json;
import dev.punctual.model.schedule.Schedule;
import dev.punctual.model.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

class EventJsonTest {

  private static final JobDefinition JOB =
      new JobDefinition(
          "report",
          null,
          Schedule.Interval.of(Duration.ofSeconds(10)),
          HttpTarget.post("http://localhost:9000/run"),
          JsonNodeFactory.instance.objectNode().put("region", "eu"),
          null,
          false,
          null,
          null,
          null);

  @Test
  void scheduledFireHasADeterministicIdAndWritesEveryField() {
    var scheduledAt = Instant.parse("2027-03-13T07:30:00Z");
    var fire =
        JobFired.scheduled(JOB, scheduledAt, Instant.parse("2027-03-13T07:30:00.0123456Z"), 0);

    var json = Json.toText(fire);

    assertThat(fire.fireId()).isEqualTo("report@" + scheduledAt.toEpochMilli());
    assertThat(json)
        .isEqualTo(
            "{\"fireId\":\"report@1804923000000\",\"jobId\":\"report\","
                + "\"scheduledAt\":\"2027-03-13T07:30:00Z\",\"dueAt\":\"2027-03-13T07:30:00Z\","
                + "\"firedAt\":\"2027-03-13T07:30:00.012Z\",\"attempt\":1,\"trigger\":\"SCHEDULE\","
                + "\"missed\":0,\"target\":{\"type\":\"http\",\"method\":\"POST\","
                + "\"url\":\"http://localhost:9000/run\",\"headers\":{},\"body\":null,"
                + "\"timeout\":\"PT30S\"},\"parameters\":{\"region\":\"eu\"}}");
    assertThat(Json.fromBytes(Json.toBytes(fire), JobFired.class)).isEqualTo(fire);
  }

  @Test
  void retryKeepsTheFireIdAndRaisesTheAttempt() {
    var first = JobFired.scheduled(JOB, Instant.parse("2027-01-01T00:00:00Z"), Instant.now(), 0);

    var retry =
        JobFired.retry(
            JOB,
            first.fireId(),
            first.scheduledAt(),
            2,
            Instant.parse("2027-01-01T00:00:02Z"),
            Instant.parse("2027-01-01T00:00:02.005Z"),
            null);

    assertThat(retry.fireId()).isEqualTo(first.fireId());
    assertThat(retry.attempt()).isEqualTo(2);
    assertThat(retry.trigger()).isEqualTo(Trigger.RETRY);
    assertThat(retry.dueAt()).isEqualTo("2027-01-01T00:00:02Z");
  }

  @Test
  void manualFireIdNamesTheRequest() {
    var fire = JobFired.manual(JOB, "r-42", Instant.parse("2027-01-01T00:00:00Z"));

    assertThat(fire.fireId()).isEqualTo("report@manual-r-42");
    assertThat(fire.trigger()).isEqualTo(Trigger.MANUAL);
  }

  @Test
  void resultRoundTripsWithItsError() {
    var fire = JobFired.scheduled(JOB, Instant.parse("2027-01-01T00:00:00Z"), Instant.now(), 0);
    var result =
        ExecutionFinished.failed(
            fire,
            "worker-1",
            Instant.parse("2027-01-01T00:00:00.010Z"),
            Instant.parse("2027-01-01T00:00:00.020Z"),
            JsonNodeFactory.instance.objectNode().put("httpStatus", 503),
            "HTTP 503: unavailable");

    var read = Json.fromBytes(Json.toBytes(result), ExecutionFinished.class);

    assertThat(read).isEqualTo(result);
    assertThat(Json.toText(result))
        .contains("\"status\":\"FAILED\"", "\"error\":\"HTTP 503: unavailable\"");
  }

  @Test
  void everyResultSaysWhetherItMayBeRetried() {
    var fire = JobFired.scheduled(JOB, Instant.parse("2027-01-01T00:00:00Z"), Instant.now(), 0);
    var at = Instant.parse("2027-01-01T00:00:00.010Z");
    var detail = JsonNodeFactory.instance.objectNode();

    var succeeded = ExecutionFinished.succeeded(fire, "w", at, at, detail);
    var failed = ExecutionFinished.failed(fire, "w", at, at, detail, "HTTP 503");
    var timedOut = ExecutionFinished.timedOut(fire, "w", at, at, detail, "no response");
    var permanent =
        ExecutionFinished.failedPermanently(fire, "w", at, at, detail, "unknown secret X");

    assertThat(Json.toText(succeeded)).endsWith("\"error\":null,\"retryable\":false}");
    assertThat(Json.toText(failed)).endsWith("\"error\":\"HTTP 503\",\"retryable\":true}");
    assertThat(timedOut.retryable()).isTrue();
    assertThat(permanent.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(Json.toText(permanent)).endsWith(",\"retryable\":false}");
    for (var result : List.of(succeeded, failed, timedOut, permanent)) {
      assertThat(Json.fromBytes(Json.toBytes(result), ExecutionFinished.class)).isEqualTo(result);
    }
  }

  @Test
  void aRetryAfterIsWrittenOnlyWhenPresentAndReadBack() {
    var fire = JobFired.scheduled(JOB, Instant.parse("2027-01-01T00:00:00Z"), Instant.now(), 0);
    var at = Instant.parse("2027-01-01T00:00:00.010Z");
    var failed = ExecutionFinished.failed(fire, "w", at, at, null, "HTTP 429");
    var waiting = failed.withRetryAfter(at.plusSeconds(30));

    assertThat(Json.toText(failed)).doesNotContain("retryAfter");
    assertThat(Json.toText(waiting)).endsWith(",\"retryAfter\":\"2027-01-01T00:00:30.010Z\"}");
    assertThat(Json.fromBytes(Json.toBytes(waiting), ExecutionFinished.class)).isEqualTo(waiting);
    assertThatThrownBy(
            () ->
                ExecutionFinished.failedPermanently(fire, "w", at, at, null, "HTTP 404")
                    .withRetryAfter(at))
        .hasMessageContaining("only a retryable failure");
  }

  @Test
  void aManualFireCarriesItsParameterOverride() {
    var override = JsonNodeFactory.instance.objectNode().put("region", "us");

    var fire = JobFired.manual(JOB, "r-1", Instant.parse("2027-01-01T00:00:00Z"), override);

    assertThat(fire.parameters()).isEqualTo(override);
    assertThat(JobFired.manual(JOB, "r-2", Instant.EPOCH, null).parameters())
        .isEqualTo(JOB.parameters());
  }

  @Test
  void fireValuesFillParametersFireAndJobFields() {
    var parameters =
        JsonNodeFactory.instance.objectNode().put("s", "eu west").put("n", 42).putNull("z");
    parameters.putObject("o").put("a", 1);
    var fire = JobFired.manual(JOB, "r-1", Instant.parse("2027-01-01T00:00:00.5Z"), parameters);

    assertThat(value(fire, "param", "s")).hasValue("eu west");
    assertThat(value(fire, "param", "n")).hasValue("42");
    assertThat(value(fire, "param", "z")).hasValue("null");
    assertThat(value(fire, "param", "o")).hasValue("{\"a\":1}");
    assertThat(value(fire, "param", "missing")).isEmpty();
    assertThat(value(fire, "fire", "id")).hasValue("report@manual-r-1");
    assertThat(value(fire, "fire", "scheduledAt")).hasValue("2027-01-01T00:00:00.500Z");
    assertThat(value(fire, "fire", "attempt")).hasValue("1");
    assertThat(value(fire, "job", "id")).hasValue("report");
    assertThat(value(fire, "secret", "S")).isEmpty();
    assertThat(value(fire, "user", "id")).isEmpty();
  }

  private static java.util.Optional<String> value(JobFired fire, String kind, String name) {
    return FireValues.value(fire, new dev.punctual.model.job.Placeholders.Placeholder(kind, name));
  }

  @Test
  void aResultWrittenBeforeRetryableExistedIsRetryableUnlessItSucceeded() {
    var old =
        """
        {"fireId":"report@1","jobId":"report","attempt":1,"trigger":"SCHEDULE","status":"%s",
         "scheduledAt":"2027-01-01T00:00:00Z","dueAt":"2027-01-01T00:00:00Z",
         "startedAt":"2027-01-01T00:00:00Z","finishedAt":"2027-01-01T00:00:01Z",
         "workerId":"w","detail":{},"error":%s}
        """;

    assertThat(read(old.formatted("FAILED", "\"HTTP 503\"")).retryable()).isTrue();
    assertThat(read(old.formatted("TIMED_OUT", "\"no response\"")).retryable()).isTrue();
    assertThat(read(old.formatted("SUCCEEDED", "null")).retryable()).isFalse();
  }

  @Test
  void aSucceededResultCannotBeRetryable() {
    var fire = JobFired.scheduled(JOB, Instant.parse("2027-01-01T00:00:00Z"), Instant.now(), 0);
    var json =
        Json.toText(ExecutionFinished.succeeded(fire, "w", Instant.now(), Instant.now(), null))
            .replace("\"retryable\":false", "\"retryable\":true");

    assertThatThrownBy(() -> read(json)).hasMessageContaining("cannot be retried");
  }

  @Test
  void aFailureWithoutAReasonIsRefused() {
    var fire = JobFired.scheduled(JOB, Instant.parse("2027-01-01T00:00:00Z"), Instant.now(), 0);

    assertThatThrownBy(
            () -> ExecutionFinished.failed(fire, "w", Instant.now(), Instant.now(), null, " "))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void triggerCommandHasItsDocumentedShape() {
    var command = new JobCommand.TriggerNow("r-1");

    assertThat(Json.toText(command)).isEqualTo("{\"type\":\"TRIGGER\",\"requestId\":\"r-1\"}");
    assertThat(
            Json.fromBytes(
                "{\"type\":\"TRIGGER\",\"requestId\":\"r-1\"}".getBytes(StandardCharsets.UTF_8),
                JobCommand.class))
        .isEqualTo(command);
  }

  @Test
  void kafkaTargetPayloadSurvivesAFire() {
    var job =
        new JobDefinition(
            "k",
            null,
            Schedule.Interval.of(Duration.ofSeconds(1)),
            KafkaTarget.of("out", JsonNodeFactory.instance.textNode("plain text")),
            null,
            null,
            false,
            null,
            null,
            null);
    var fire = JobFired.scheduled(job, Instant.parse("2027-01-01T00:00:00Z"), Instant.now(), 0);

    var read = Json.fromBytes(Json.toBytes(fire), JobFired.class);

    assertThat(((KafkaTarget) read.target()).payload().asString()).isEqualTo("plain text");
  }

  private static ExecutionFinished read(String json) {
    return Json.fromBytes(json.getBytes(StandardCharsets.UTF_8), ExecutionFinished.class);
  }

  @Test
  void topicSerdesReadWhatTheyWriteAndExplainGarbage() {
    var topics = new Topics("test.");
    var fires = topics.fires();
    var fire = JobFired.scheduled(JOB, Instant.parse("2027-01-01T00:00:00Z"), Instant.now(), 0);

    var bytes = fires.valueSerde().serializer().serialize(fires.name(), fire);

    assertThat(fires.name()).isEqualTo("test.fires");
    assertThat(fires.valueSerde().deserializer().deserialize(fires.name(), bytes)).isEqualTo(fire);
    assertThat(topics.jobs().valueSerde().deserializer().deserialize("test.jobs", null)).isNull();
    assertThatThrownBy(
            () ->
                topics
                    .jobs()
                    .valueSerde()
                    .deserializer()
                    .deserialize("test.jobs", "{\"id\":1}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("invalid job definition");
    assertThat(topics.all())
        .containsExactly(
            "test.jobs",
            "test.commands",
            "test.fires",
            "test.results",
            "test.missed",
            "test.dead-letter");
  }
}
