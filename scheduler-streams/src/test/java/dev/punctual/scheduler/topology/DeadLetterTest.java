package dev.punctual.scheduler.topology;

import static dev.punctual.scheduler.topology.Jobs.aJob;
import static org.assertj.core.api.Assertions.assertThat;

import dev.punctual.model.event.ExecutionFinished;
import dev.punctual.model.event.JobFired;
import dev.punctual.model.event.RecordHeaders;
import dev.punctual.model.job.HttpTarget;
import dev.punctual.model.json.JobDefinitionCodec;
import dev.punctual.model.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Input that cannot be used goes to the dead-letter topic unchanged; the stream keeps going. That
 * includes a definition whose Kafka target writes to a reserved topic (Punctual's own, a Kafka
 * Streams internal one, a Kafka internal one): it never fires, and a job it would update keeps its
 * definition.
 */
class DeadLetterTest extends SchedulerDriverTest {

  private static final Instant T0 = Instant.parse("2027-03-13T07:30:00Z");

  @BeforeEach
  void start() {
    scheduler = new SchedulerDriver(T0, stateDir);
  }

  @Test
  void unreadableJsonIsDeadLetteredAsWrittenAndTheNextRecordIsProcessed() {
    scheduler.defineRaw("broken", "{\"id\": \"broken\", ");
    scheduler.define(aJob("fine").every(Duration.ofSeconds(1)).createdAt(T0).build());
    scheduler.advance(Duration.ofMillis(100));

    assertThat(scheduler.deadLetters())
        .singleElement()
        .satisfies(
            record -> {
              assertThat(text(record.key())).isEqualTo("broken");
              assertThat(text(record.value())).isEqualTo("{\"id\": \"broken\", ");
              assertThat(header(record.headers(), RecordHeaders.ERROR))
                  .startsWith("invalid job definition: the body is not valid JSON");
              assertThat(header(record.headers(), RecordHeaders.SOURCE_TOPIC))
                  .isEqualTo("scheduler.jobs");
              assertThat(header(record.headers(), RecordHeaders.SOURCE_PARTITION)).isEqualTo("0");
              assertThat(header(record.headers(), RecordHeaders.SOURCE_OFFSET)).isEqualTo("0");
            });
    assertThat(scheduler.fires()).extracting(JobFired::jobId).containsExactly("fine");
    assertThat(scheduler.state("broken")).isNull();
  }

  @Test
  void anInvalidDefinitionIsDeadLetteredWithItsFieldErrors() {
    var tooFrequent =
        """
        {"schedule": {"every": "PT0.5S"}, "target": {"type": "http", "url": "https://example.com"}}
        """;
    scheduler.defineRaw("eager", tooFrequent);

    assertThat(scheduler.deadLetters())
        .singleElement()
        .satisfies(
            record -> {
              assertThat(text(record.value())).isEqualTo(tooFrequent);
              assertThat(header(record.headers(), RecordHeaders.ERROR))
                  .startsWith("invalid job definition: schedule.every: 'PT0.5S' is shorter");
            });
    assertThat(scheduler.state("eager")).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"scheduler.jobs", "x-changelog", "__consumer_offsets"})
  void aNewJobWritingToAReservedTopicIsDeadLetteredAndNeverFires(String topic) {
    var definition = kafkaJob("forger", topic);

    scheduler.defineRaw("forger", definition);
    scheduler.advance(Duration.ofSeconds(3));

    assertThat(scheduler.deadLetters())
        .singleElement()
        .satisfies(
            record -> {
              assertThat(text(record.key())).isEqualTo("forger");
              assertThat(text(record.value())).isEqualTo(definition);
              assertThat(header(record.headers(), RecordHeaders.ERROR))
                  .startsWith("invalid job definition: target.topic: topic " + topic + " is ")
                  .endsWith("; a Kafka target must write to another topic");
              assertThat(header(record.headers(), RecordHeaders.SOURCE_TOPIC))
                  .isEqualTo("scheduler.jobs");
            });
    assertThat(scheduler.state("forger")).isNull();
    assertThat(scheduler.fires()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"scheduler.fires", "orders-repartition", "__transaction_state"})
  void anUpdateToAReservedTopicIsDeadLetteredAndTheJobKeepsItsDefinition(String topic) {
    var job = aJob("report").every(Duration.ofSeconds(1)).createdAt(T0).build();
    scheduler.define(job);
    scheduler.advance(Duration.ofMillis(1_050));
    assertThat(scheduler.newFires()).extracting(JobFired::scheduledAt).containsExactly(T0, at(1));

    scheduler.defineRaw("report", kafkaJob("report", topic));
    scheduler.advance(Duration.ofSeconds(2));

    assertThat(scheduler.deadLetters())
        .singleElement()
        .satisfies(
            record ->
                assertThat(header(record.headers(), RecordHeaders.ERROR))
                    .startsWith("invalid job definition: target.topic: topic " + topic + " is "));
    assertThat(scheduler.state("report").definition()).isEqualTo(job);
    var afterUpdate = scheduler.newFires();
    assertThat(afterUpdate).extracting(JobFired::scheduledAt).containsExactly(at(2), at(3));
    assertThat(afterUpdate)
        .extracting(JobFired::target)
        .containsOnly(HttpTarget.post("https://example.com/run"));
  }

  private static String kafkaJob(String id, String topic) {
    return """
        {"id": "%s", "schedule": {"every": "PT1S"},
         "target": {"type": "kafka", "topic": "%s", "key": "k", "payload": {"forged": true}}}
        """
        .formatted(id, topic);
  }

  @Test
  void aDefinitionWhoseIdDiffersFromTheKeyIsDeadLettered() {
    var job = aJob("inside").every(Duration.ofSeconds(1)).build();
    scheduler.defineRaw("outside", new String(JobDefinitionCodec.toBytes(job)));

    assertThat(scheduler.deadLetters())
        .singleElement()
        .satisfies(
            record ->
                assertThat(header(record.headers(), RecordHeaders.ERROR))
                    .isEqualTo(
                        "the definition's id 'inside' differs from the record key 'outside';"
                            + " the key must be the job id"));
    assertThat(scheduler.state("inside")).isNull();
    assertThat(scheduler.state("outside")).isNull();
  }

  @Test
  void aRecordWithoutKeyIsDeadLettered() {
    var job = aJob("keyless").every(Duration.ofSeconds(1)).build();
    scheduler.pipeRawJob(null, JobDefinitionCodec.toBytes(job));

    assertThat(scheduler.deadLetters())
        .singleElement()
        .satisfies(
            record -> {
              assertThat(record.key()).isNull();
              assertThat(header(record.headers(), RecordHeaders.ERROR))
                  .isEqualTo(InputProcessor.NO_KEY);
            });
  }

  @Test
  void aDefinitionWithoutIdTakesTheRecordKey() {
    scheduler.defineRaw(
        "keyed",
        """
        {"schedule": {"every": "PT1S"}, "target": {"type": "http", "url": "https://example.com"}}
        """);

    assertThat(scheduler.deadLetters()).isEmpty();
    assertThat(scheduler.state("keyed")).isNotNull();
  }

  @Test
  void theOriginalHeadersAreKept() {
    var headers = new org.apache.kafka.common.header.internals.RecordHeaders();
    headers.add("trace-id", "abc".getBytes(StandardCharsets.UTF_8));
    headers.add(RecordHeaders.ERROR, "forged".getBytes(StandardCharsets.UTF_8));
    scheduler.pipeRawJob(
        "k".getBytes(StandardCharsets.UTF_8), "[]".getBytes(StandardCharsets.UTF_8), headers);

    assertThat(scheduler.deadLetters())
        .singleElement()
        .satisfies(
            record -> {
              assertThat(header(record.headers(), "trace-id")).isEqualTo("abc");
              assertThat(record.headers().headers(RecordHeaders.ERROR)).hasSize(1);
              assertThat(header(record.headers(), RecordHeaders.ERROR))
                  .isEqualTo("invalid job definition: a job definition must be a JSON object");
            });
  }

  @Test
  void anUnreadableOrMisfiledResultIsDeadLetteredAndAReadableOneIsNot() {
    var job = aJob("job").every(Duration.ofSeconds(1)).createdAt(T0).build();
    scheduler.define(job);
    scheduler.advance(Duration.ofMillis(50));
    var fire = scheduler.fires().getFirst();
    var result =
        ExecutionFinished.succeeded(
            fire,
            "worker-1",
            T0,
            T0.plusMillis(20),
            tools.jackson.databind.node.JsonNodeFactory.instance.objectNode());

    scheduler.resultRaw("job", Json.toText(result));
    scheduler.resultRaw("job", "{\"fireId\": 42}");
    scheduler.resultRaw("other-job", Json.toText(result));

    assertThat(scheduler.deadLetters())
        .extracting(record -> header(record.headers(), RecordHeaders.ERROR))
        .satisfiesExactly(
            unreadable -> assertThat(unreadable).startsWith("not a readable execution result"),
            misfiled ->
                assertThat(misfiled)
                    .isEqualTo(
                        "the result's jobId 'job' differs from the record key 'other-job'; the"
                            + " key must be the job id"));
  }

  @Test
  void deadLettersAreCountedBySourceTopic() {
    scheduler.defineRaw("a", "nope");
    scheduler.defineRaw("b", "nope");
    scheduler.commandRaw("c", "nope");

    var registry = scheduler.registry();
    assertThat(
            registry
                .get(SchedulerMetrics.DEAD_LETTERS)
                .tag("topic", "scheduler.jobs")
                .counter()
                .count())
        .isEqualTo(2);
    assertThat(
            registry
                .get(SchedulerMetrics.DEAD_LETTERS)
                .tag("topic", "scheduler.commands")
                .counter()
                .count())
        .isEqualTo(1);
  }

  private static Instant at(long secondsAfterT0) {
    return T0.plusSeconds(secondsAfterT0);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static String header(Headers headers, String name) {
    var header = headers.lastHeader(name);
    assertThat(header).as("header %s", name).isNotNull();
    return text(header.value());
  }
}
