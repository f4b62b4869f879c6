package dev.punctual.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.punctual.model.event.JobCommand;
import dev.punctual.model.json.Json;
import dev.punctual.model.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Templates on the whole system: a job's {@code {{param.…}}}, {@code {{fire.…}}} and {@code
 * {{job.id}}} placeholders reach an HTTP target (path, header, body) and a Kafka target (key,
 * header, payload) filled in by the worker, and a trigger's parameter override reaches its fire.
 */
class TemplatesEndToEndIT {

  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  private static PunctualSystem system;
  private static TargetServer target;
  private final String id = "tpl-" + UUID.randomUUID();

  @BeforeAll
  static void start() {
    system = SharedSystem.get();
    target = SharedSystem.target();
  }

  @Test
  void parametersAndFireFieldsReachAnHttpTargetsPathHeaderAndBody() {
    var job =
        """
        {"id":"%s","schedule":{"every":"PT1S","maxRuns":1},
         "parameters":{"region":"eu west/1","batch":{"size":3}},
         "target":{"type":"http","url":"%s",
                   "headers":{"X-Fire":"{{fire.id}}#{{fire.attempt}}"},
                   "body":"{\\"batch\\":{{param.batch}},\\"at\\":\\"{{fire.scheduledAt}}\\"}"}}
        """
            .formatted(id, target.url("/tpl/{{job.id}}/{{param.region}}") + "?r={{param.region}}");

    assertThat(ApiCalls.send(system, "POST", "/jobs", job).statusCode()).isEqualTo(201);

    var call =
        await()
            .atMost(DEADLINE)
            .until(() -> target.callsTo("/tpl/" + id + "/eu west/1"), calls -> !calls.isEmpty())
            .getFirst();
    assertThat(call.uri()).isEqualTo("/tpl/" + id + "/eu%20west%2F1?r=eu%20west%2F1");
    assertThat(call.headers().get("X-fire")).containsExactly(call.idempotencyKey() + "#1");
    var body = Json.MAPPER.readTree(call.body());
    assertThat(body.get("batch").get("size").asInt()).isEqualTo(3);
    var scheduledAt = Instant.parse(body.get("at").asString());
    assertThat(call.idempotencyKey()).isEqualTo(id + "@" + scheduledAt.toEpochMilli());
  }

  @Test
  void parametersAndFireFieldsReachAKafkaTargetsKeyHeaderAndPayload() throws Exception {
    var topic = id + "-out";
    createTopic(topic);
    var job =
        """
        {"id":"%s","schedule":{"every":"PT1S","maxRuns":1},"parameters":{"region":"eu"},
         "target":{"type":"kafka","topic":"%s","key":"{{job.id}}/{{param.region}}",
                   "headers":{"attempt":"{{fire.attempt}}"},
                   "payload":"fire {{fire.id}} for {{param.region}}, not \\\\{{param.region}}"}}
        """
            .formatted(id, topic);

    assertThat(ApiCalls.send(system, "POST", "/jobs", job).statusCode()).isEqualTo(201);

    var record = readOne(topic);
    var fireId = new String(record.headers().lastHeader("punctual-fire-id").value(), UTF8);
    assertThat(record.key()).isEqualTo(id + "/eu");
    assertThat(new String(record.headers().lastHeader("attempt").value(), UTF8)).isEqualTo("1");
    assertThat(record.value()).isEqualTo("fire " + fireId + " for eu, not {{param.region}}");
  }

  @Test
  void aTriggersParameterOverrideReachesTheTargetForThatFireOnly() {
    var job =
        """
        {"id":"%s","schedule":{"every":"PT1S","maxRuns":1},"parameters":{"region":"eu"},
         "target":{"type":"http","url":"%s"}}
        """
            .formatted(id, target.url("/tpl/" + id + "/{{param.region}}"));
    assertThat(ApiCalls.send(system, "POST", "/jobs", job).statusCode()).isEqualTo(201);
    // the scheduled fire proves the scheduler knows the job before the command arrives
    await().atMost(DEADLINE).until(() -> !target.callsTo("/tpl/" + id + "/eu").isEmpty());

    // the REST body of a trigger belongs to the API; the command itself is what the scheduler reads
    var override = JsonNodeFactory.instance.objectNode().put("region", "us");
    DirectProducer.send(
        system,
        Topics.DEFAULT.commands().name(),
        id,
        Json.toBytes(new JobCommand.TriggerNow("req-" + id, override)));

    var call =
        await()
            .atMost(DEADLINE)
            .until(() -> target.callsTo("/tpl/" + id + "/us"), calls -> !calls.isEmpty())
            .getFirst();
    assertThat(call.idempotencyKey()).isEqualTo(id + "@manual-req-" + id);
    assertThat(target.callsTo("/tpl/" + id + "/eu")).hasSize(1);
  }

  @Test
  void aRetryAfterOnA429DelaysTheRetryBeyondTheBackoff() {
    var path = "/throttled/3/" + id;
    var job =
        """
        {"id":"%s","schedule":{"every":"PT1H"},"paused":true,
         "retry":{"maxAttempts":2,"initialBackoff":"PT0.1S","maxBackoff":"PT1M"},
         "target":{"type":"http","url":"%s"}}
        """
            .formatted(id, target.url(path));
    assertThat(ApiCalls.send(system, "POST", "/jobs", job).statusCode()).isEqualTo(201);
    assertThat(ApiCalls.send(system, "POST", "/jobs/" + id + "/trigger", null).statusCode())
        .isEqualTo(202);

    var calls = await().atMost(DEADLINE).until(() -> target.callsTo(path), c -> c.size() == 2);

    assertThat(calls).extracting(TargetServer.Call::attempt).containsExactly("1", "2");
    assertThat(calls.get(1).receivedAt())
        .as("the retry waits for Retry-After (3 s), not the 0.1 s backoff")
        .isAfterOrEqualTo(calls.get(0).receivedAt().plusSeconds(3));
  }

  private static void createTopic(String topic) throws Exception {
    try (var admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, system.kafkaBootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
    }
  }

  private static ConsumerRecord<String, String> readOne(String topic) {
    try (var consumer =
        new KafkaConsumer<>(
            Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                system.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      var read = new ArrayList<ConsumerRecord<String, String>>();
      await()
          .atMost(DEADLINE)
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
                return !read.isEmpty();
              });
      return read.getFirst();
    }
  }
}
