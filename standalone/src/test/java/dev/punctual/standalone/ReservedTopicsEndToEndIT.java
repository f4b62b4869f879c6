package dev.punctual.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.punctual.embedded.TopicReader;
import dev.punctual.model.event.ExecutionFinished;
import dev.punctual.model.event.ExecutionStatus;
import dev.punctual.model.event.JobFired;
import dev.punctual.model.event.RecordHeaders;
import dev.punctual.model.event.Trigger;
import dev.punctual.model.job.KafkaTarget;
import dev.punctual.model.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A Kafka target may never write to Punctual's own topics, at each of the three places a job
 * passes: the API refuses it, the scheduler dead-letters it when it is produced straight onto the
 * jobs topic, and the worker fails a forged fire for good without writing anything.
 */
class ReservedTopicsEndToEndIT {

  private static final Topics TOPICS = Topics.DEFAULT;
  private static final String RESERVED = TOPICS.jobs().name();
  private static final Duration DEADLINE = Duration.ofSeconds(60);

  private static PunctualSystem system;
  private final String id = "reserved-" + UUID.randomUUID();

  @BeforeAll
  static void start() {
    system = SharedSystem.get();
  }

  @Test
  void theApiRefusesAJobWritingToTheJobsTopic() {
    var answer = ApiCalls.send(system, "POST", "/jobs", definition(id, RESERVED));

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
    assertThat(answer.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    var error = ApiCalls.json(answer).get("errors").get(0);
    assertThat(error.get("field").asString()).isEqualTo("target.topic");
    assertThat(error.get("message").asString())
        .contains(RESERVED, "Punctual's own topics", "a Kafka target must write to another topic");
    assertThat(ApiCalls.send(system, "GET", "/jobs/" + id, null).statusCode()).isEqualTo(404);
  }

  @Test
  void theSameDefinitionProducedStraightOntoTheJobsTopicIsDeadLetteredWithTheReason() {
    var definition = definition(id, RESERVED).getBytes(StandardCharsets.UTF_8);

    DirectProducer.send(system, TOPICS.jobs().name(), id, definition);

    try (var deadLetters =
        new TopicReader(system.kafkaBootstrapServers(), TOPICS.deadLetter().name())) {
      var record =
          await()
              .atMost(DEADLINE)
              .until(() -> deadLetters.recordsOf(id), records -> !records.isEmpty())
              .getFirst();
      assertThat(record.value()).isEqualTo(definition);
      assertThat(header(record, RecordHeaders.ERROR))
          .contains("target.topic", RESERVED, "a Kafka target must write to another topic");
      assertThat(header(record, RecordHeaders.SOURCE_TOPIC)).isEqualTo(TOPICS.jobs().name());
    }
    assertThat(ApiCalls.send(system, "GET", "/jobs/" + id, null).statusCode()).isEqualTo(404);
  }

  @Test
  void aForgedFireWritingToTheJobsTopicFailsForGoodAndWritesNothingThere() throws Exception {
    // given a fire no scheduler emitted, produced straight onto the fires topic
    var marker = "forged-" + UUID.randomUUID();
    var now = Instant.now();
    var fire =
        new JobFired(
            id + "@manual-" + marker,
            id,
            now,
            now,
            now,
            1,
            Trigger.MANUAL,
            0,
            new KafkaTarget(
                RESERVED, marker, Map.of(), JsonNodeFactory.instance.stringNode(marker)),
            JsonNodeFactory.instance.objectNode());

    DirectProducer.send(
        system,
        TOPICS.fires().name(),
        id,
        TOPICS.fires().valueSerde().serializer().serialize("", fire));

    // then the worker reports a failure that is not to be retried
    var result = resultOf(fire.fireId());
    assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(result.retryable()).isFalse();
    assertThat(result.error()).contains("refused", RESERVED);
    // and the reserved topic never received the record, not even in an aborted transaction;
    // the marker is on the fires topic, which shows the search finds it
    var read = new ArrayList<String>();
    var found =
        EveryRecord.containing(
            system.kafkaBootstrapServers(), marker.getBytes(StandardCharsets.UTF_8), read);
    assertThat(read).contains(RESERVED);
    assertThat(found).extracting(EveryRecord.Found::topic).contains(TOPICS.fires().name());
    assertThat(found).extracting(EveryRecord.Found::topic).doesNotContain(RESERVED);
  }

  private static ExecutionFinished resultOf(String fireId) {
    var results = TOPICS.results().valueSerde().deserializer();
    try (var reader = new TopicReader(system.kafkaBootstrapServers(), TOPICS.results().name())) {
      return await()
          .atMost(DEADLINE)
          .until(
              () ->
                  reader.poll().stream()
                      .map(r -> results.deserialize(r.topic(), r.value()))
                      .filter(r -> r.fireId().equals(fireId))
                      .findFirst(),
              java.util.Optional::isPresent)
          .orElseThrow();
    }
  }

  private static String definition(String id, String topic) {
    return """
        {"id":"%s","schedule":{"every":"PT1M"},
         "target":{"type":"kafka","topic":"%s","payload":{"hello":"world"}}}
        """
        .formatted(id, topic);
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    var header = record.headers().lastHeader(name);
    assertThat(header).as("header %s", name).isNotNull();
    return new String(header.value(), StandardCharsets.UTF_8);
  }
}
