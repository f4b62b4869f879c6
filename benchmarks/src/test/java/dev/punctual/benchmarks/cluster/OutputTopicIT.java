package dev.punctual.benchmarks.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.punctual.embedded.EmbeddedKafka;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Kafka targets' topic on a real broker: created when missing, left alone when present. */
class OutputTopicIT {

  private static EmbeddedKafka kafka;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.startForTests();
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  @Test
  void isCreatedWhenMissingAndKeptWhenPresent() throws Exception {
    OutputTopic.ensure(kafka.bootstrapServers(), 3);
    assertThat(partitions()).isEqualTo(3);

    OutputTopic.ensure(kafka.bootstrapServers(), 6);

    assertThat(partitions()).as("an existing topic is used as it is").isEqualTo(3);
  }

  private static int partitions() throws Exception {
    try (var admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      return admin
          .describeTopics(List.of(EmbeddedCluster.OUTPUT_TOPIC))
          .allTopicNames()
          .get()
          .get(EmbeddedCluster.OUTPUT_TOPIC)
          .partitions()
          .size();
    }
  }
}
