package dev.punctual.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.punctual.client.ExecutionAttempt;
import dev.punctual.client.JobQuery;
import dev.punctual.client.PunctualApiException;
import dev.punctual.client.PunctualApiException.Kind;
import dev.punctual.client.PunctualClient;
import dev.punctual.client.kafka.EventConsumer;
import dev.punctual.client.kafka.JobsTopicProducer;
import dev.punctual.model.event.ExecutionStatus;
import dev.punctual.model.event.JobFired;
import dev.punctual.model.event.Trigger;
import dev.punctual.model.job.HttpTarget;
import dev.punctual.model.job.JobDefinition;
import dev.punctual.model.job.JobStatus;
import dev.punctual.model.job.KafkaTarget;
import dev.punctual.model.json.Json;
import dev.punctual.model.schedule.Schedule;
import dev.punctual.model.topic.Topics;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Java client (punctual-client) against the real stack, used as an application would: jobs
 * created, listed, triggered and read back through the REST client; fires and results read with the
 * typed Kafka consumers; a definition produced straight onto the jobs topic and deleted with a
 * tombstone; refusals arriving as {@link PunctualApiException}s of the right kind.
 */
class JavaClientEndToEndIT {

  private static PunctualSystem system;
  private static TargetServer target;
  private static PunctualClient client;

  @BeforeAll
  static void start() {
    target = SharedSystem.target();
    system = SharedSystem.get();
    client =
        PunctualClient.builder(URI.create(system.apiUrl()))
            .requestTimeout(Duration.ofSeconds(20))
            .build();
  }

  @Test
  void aJobCreatedListedAndTriggeredThroughTheClientRunsAndItsFireAndResultAreReadTyped() {
    // given two jobs with one label, created in one batch, and an hourly schedule, so that only
    // the trigger below fires them within this test
    var suite = "client-" + UUID.randomUUID().toString().substring(0, 8);
    var first = job(suite + "-a", suite, "/client/" + suite);
    var second = job(suite + "-b", suite, "/client/" + suite);
    var batch = client.createAll(List.of(first, second));
    assertThat(batch.items()).extracting(i -> i.status()).containsExactly(201, 201);
    assertThat(client.create(first, "create-" + suite).id()).isEqualTo(first.id());

    // when listed one job per page, the stream follows the cursor to the second
    var listed = client.list(JobQuery.all().withLabel("suite", suite).withPageSize(1)).toList();
    assertThat(listed).extracting(j -> j.id()).containsExactly(first.id(), second.id());
    assertThat(listed).allSatisfy(j -> assertThat(j.status()).isEqualTo(JobStatus.ACTIVE));
    assertThat(listed.getFirst().definition().sameDefinitionAs(first)).isTrue();
    assertThat(client.nextRuns(second.id(), 3).runs()).hasSize(3);

    // when triggered with parameters for this fire only
    var parameters = Json.MAPPER.createObjectNode().put("region", "eu");
    var accepted = client.trigger(first.id(), parameters, "trigger-" + suite);
    var fireId = accepted.manualFireId(first.id());
    assertThat(accepted.requestId()).isEqualTo("trigger-" + suite);

    // then its execution succeeds, as the client reads it
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(client.executions(first.id()).toList())
                    .filteredOn(e -> e.fireId().equals(fireId))
                    .singleElement()
                    .satisfies(
                        e -> {
                          assertThat(e.trigger()).isEqualTo(Trigger.MANUAL);
                          assertThat(e.outcome()).contains(ExecutionStatus.SUCCEEDED);
                        }));
    assertThat(client.fire(fireId).attempts())
        .extracting(ExecutionAttempt::attempt)
        .containsExactly(1);
    assertThat(target.callsTo("/client/" + suite))
        .extracting(TargetServer.Call::idempotencyKey)
        .containsExactly(fireId);

    // and its fire and result are read as job-model's records
    var fire = firstRecord(EventConsumer.fires(consumerConfig(), Topics.DEFAULT), fireId);
    assertThat(fire.key()).isEqualTo(first.id());
    assertThat(fire.value().trigger()).isEqualTo(Trigger.MANUAL);
    assertThat(fire.value().jobId()).isEqualTo(first.id());
    assertThat(fire.value().parameters()).as("the trigger's override").isEqualTo(parameters);
    var result = firstRecord(EventConsumer.results(consumerConfig(), Topics.DEFAULT), fireId);
    assertThat(result.value().status()).isEqualTo(ExecutionStatus.SUCCEEDED);

    // and pausing shows in the job
    assertThat(client.pause(first.id()).status()).isEqualTo(JobStatus.PAUSED);
    assertThat(client.resume(first.id()).status()).isEqualTo(JobStatus.ACTIVE);
    client.delete(first.id());
    client.delete(second.id());
  }

  @Test
  void refusalsArriveAsExceptionsOfTheirKindWithTheFieldAtFault() {
    var suite = "client-" + UUID.randomUUID().toString().substring(0, 8);
    var created = client.create(job(suite, suite, "/client/refused"));

    assertThatThrownBy(() -> client.get(suite + "-absent"))
        .isInstanceOfSatisfying(
            PunctualApiException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
              assertThat(e.detail()).contains(suite + "-absent");
            });
    assertThatThrownBy(() -> client.create(job(suite, suite, "/client/other")))
        .isInstanceOfSatisfying(
            PunctualApiException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONFLICT));
    assertThatThrownBy(
            () -> client.replace(created.definition(), "\"" + (created.version() + 7) + "\""))
        .isInstanceOfSatisfying(
            PunctualApiException.class,
            e -> assertThat(e.kind()).isEqualTo(Kind.PRECONDITION_FAILED));
    // A Kafka target on the installation's own topics is valid JSON that the API refuses.
    var ownTopic =
        new JobDefinition(
            suite + "-own",
            null,
            Schedule.Interval.of(Duration.ofHours(1)),
            KafkaTarget.of(Topics.DEFAULT.fires().name(), Json.MAPPER.createObjectNode()),
            null,
            null,
            false,
            null,
            null,
            null);
    assertThatThrownBy(() -> client.create(ownTopic))
        .isInstanceOfSatisfying(
            PunctualApiException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.INVALID_REQUEST);
              assertThat(e.errors()).extracting(f -> f.field()).contains("target.topic");
            });
    client.delete(suite);
  }

  @Test
  void aDefinitionProducedOntoTheJobsTopicIsSeenByTheApiAndATombstoneDeletesIt() throws Exception {
    var id = "client-topic-" + UUID.randomUUID().toString().substring(0, 8);
    try (var producer =
        new JobsTopicProducer(
            Map.of("bootstrap.servers", system.kafkaBootstrapServers()), Topics.DEFAULT)) {
      producer.publish(job(id, id, "/client/topic")).get();

      await()
          .atMost(Duration.ofSeconds(30))
          .ignoreException(PunctualApiException.class)
          .untilAsserted(() -> assertThat(client.get(id).id()).isEqualTo(id));

      producer.delete(id).get();
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThatThrownBy(() -> client.get(id))
                    .isInstanceOfSatisfying(
                        PunctualApiException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND)));
  }

  private static JobDefinition job(String id, String suite, String path) {
    return JobDefinition.of(
            id,
            "Java client " + id,
            Schedule.Interval.of(Duration.ofHours(1)),
            HttpTarget.post(target.url(path)))
        .withLabels(Map.of("suite", suite));
  }

  private static Map<String, Object> consumerConfig() {
    return Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
        system.kafkaBootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG,
        "client-it-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
        "earliest");
  }

  /** The first record of {@code consumer}'s topic about {@code fireId}. */
  private static <V> ConsumerRecord<String, V> firstRecord(
      EventConsumer<V> consumer, String fireId) {
    var seen = new ArrayList<ConsumerRecord<String, V>>();
    try (consumer) {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(500)).stream()
                    .filter(r -> fireIdOf(r.value()).equals(fireId))
                    .forEach(seen::add);
                return !seen.isEmpty();
              });
    }
    return seen.getFirst();
  }

  private static String fireIdOf(Object value) {
    return switch (value) {
      case JobFired fire -> fire.fireId();
      case dev.punctual.model.event.ExecutionFinished result -> result.fireId();
      default -> "";
    };
  }
}
