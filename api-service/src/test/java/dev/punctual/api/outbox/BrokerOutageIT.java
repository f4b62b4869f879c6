package dev.punctual.api.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.punctual.api.testing.Jobs;
import dev.punctual.api.testing.RunningApi;
import dev.punctual.api.testing.TestServers;
import dev.punctual.embedded.EmbeddedKafka;
import dev.punctual.embedded.FreePorts;
import dev.punctual.embedded.TopicReader;
import dev.punctual.model.json.JobDefinitionCodec;
import dev.punctual.model.topic.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The outbox keeps every job and its order across a broker outage: the API goes on answering
 * (PostgreSQL is fine), and once the broker is back the topic holds every version of every job in
 * order.
 */
class BrokerOutageIT {

  private static final Duration DEADLINE = Duration.ofSeconds(90);
  private static final int JOBS = 10;

  @TempDir Path dataDirectory;

  @Test
  void theOutboxKeepsEveryJobAndItsOrderAcrossABrokerOutage() {
    int port = FreePorts.any();
    int controllerPort = FreePorts.any();
    var kafka = EmbeddedKafka.start(dataDirectory, port, controllerPort, Map.of());
    kafka.createTopics(Topics.DEFAULT.newTopics(TestServers.PARTITIONS, (short) 1));
    var arguments = new ArrayList<>(TestServers.database("brokeroutage"));
    arguments.add("--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers());
    arguments.add("--punctual.api.consumer-group-id=punctual-api-brokeroutage");
    // Give up on a send within seconds, so the outage makes the relay fail and retry.
    arguments.add("--spring.kafka.producer.properties.max.block.ms=1000");
    arguments.add("--spring.kafka.producer.properties.request.timeout.ms=1000");
    arguments.add("--spring.kafka.producer.properties.delivery.timeout.ms=2000");
    var ids = new ArrayList<String>();
    for (int i = 0; i < JOBS; i++) {
      ids.add("outage-" + System.nanoTime() + "-" + i);
    }
    try (var service = RunningApi.start(arguments)) {
      var api = service.api();
      var jdbc = service.bean(JdbcClient.class);
      for (var id : ids.subList(0, JOBS / 2)) {
        assertThat(api.post("/jobs", Jobs.named(id, "v1", "\"every\": \"PT1M\"")).status())
            .isEqualTo(201);
      }
      await().atMost(DEADLINE).until(() -> outbox(jdbc) == 0);

      kafka.close();
      try {
        // The API keeps answering: writes wait in the outbox.
        for (var id : ids.subList(JOBS / 2, JOBS)) {
          assertThat(api.post("/jobs", Jobs.named(id, "v1", "\"every\": \"PT1M\"")).status())
              .isEqualTo(201);
        }
        for (var round : List.of("v2", "v3")) {
          for (var id : ids) {
            assertThat(
                    api.put("/jobs/" + id, Jobs.named(id, round, "\"every\": \"PT1M\"")).status())
                .isEqualTo(200);
          }
        }
        assertThat(api.post("/jobs/" + ids.getFirst() + "/trigger").status()).isEqualTo(202);
        assertThat(outbox(jdbc)).isEqualTo(JOBS / 2 + 2L * JOBS + 1);
        // The relay tries, fails and keeps the rows, more than once.
        var failures =
            service
                .bean(MeterRegistry.class)
                .get("punctual.api.loop.failures")
                .tag("loop", "relay-outbox")
                .counter();
        await().atMost(DEADLINE).until(() -> failures.count() >= 2);
        assertThat(outbox(jdbc)).isEqualTo(JOBS / 2 + 2L * JOBS + 1);
      } finally {
        kafka = EmbeddedKafka.start(dataDirectory, port, controllerPort, Map.of());
      }

      await().atMost(DEADLINE).until(() -> outbox(jdbc) == 0);
      try (var topic = new TopicReader(kafka.bootstrapServers(), Topics.DEFAULT.jobs().name());
          var commands =
              new TopicReader(kafka.bootstrapServers(), Topics.DEFAULT.commands().name())) {
        await()
            .atMost(DEADLINE)
            .until(() -> ids.stream().allMatch(id -> lastVersion(topic, id) == 3L));
        for (var id : ids) {
          // Every version, in order; a batch retried after a failure may repeat a record.
          assertThat(versions(topic, id)).as(id).isSorted().contains(1L, 2L, 3L);
        }
        await().atMost(DEADLINE).until(() -> commands.recordsOf(ids.getFirst()).size() >= 1);
      }
    } finally {
      kafka.close();
    }
  }

  private static long outbox(JdbcClient jdbc) {
    return jdbc.sql("SELECT count(*) FROM outbox").query(Long.class).single();
  }

  private static long lastVersion(TopicReader topic, String id) {
    var versions = versions(topic, id);
    return versions.isEmpty() ? 0 : versions.getLast();
  }

  private static List<Long> versions(TopicReader topic, String id) {
    return topic.recordsOf(id).stream()
        .map(r -> JobDefinitionCodec.parse(r.value(), null).version())
        .toList();
  }
}
