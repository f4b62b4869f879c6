package dev.punctual.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The broker settings that bound failover after a crash: the transaction a dead producer left open
 * blocks {@code read_committed} readers of its partitions until the broker aborts it.
 */
class EmbeddedKafkaFailoverIT {

  private static final TopicPartition PARTITION = new TopicPartition("t", 0);
  private static final Duration TRANSACTION_TIMEOUT = Duration.ofSeconds(1);

  private EmbeddedKafka kafka;
  private Admin admin;

  @BeforeEach
  void start() {
    kafka = EmbeddedKafka.startForTests();
    kafka.createTopics(List.of(new NewTopic(PARTITION.topic(), 1, (short) 1)));
    admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
  }

  @AfterEach
  void stop() {
    admin.close();
    kafka.close();
  }

  @Test
  void allowsShortSessionsAndChecksForTimedOutTransactionsTwiceASecond() throws Exception {
    var broker = new ConfigResource(ConfigResource.Type.BROKER, "1");
    var config = admin.describeConfigs(List.of(broker)).all().get().get(broker);

    assertThat(config.get("group.min.session.timeout.ms").value()).isEqualTo("1000");
    assertThat(config.get("group.streams.min.session.timeout.ms").value()).isEqualTo("1000");
    assertThat(config.get("transaction.abort.timed.out.transaction.cleanup.interval.ms").value())
        .isEqualTo("500");
  }

  @Test
  void abortsTheOpenTransactionOfAProducerThatDiedSoonAfterItsTimeout() throws Exception {
    var producer = transactionalProducer();
    producer.initTransactions();
    producer.beginTransaction();
    producer.send(new ProducerRecord<>(PARTITION.topic(), "k", "never committed")).get();
    assertThat(lastStableOffset()).as("the open transaction holds the stable offset").isZero();

    // Like a SIGKILL: no commit, no abort, no goodbye to the transaction coordinator.
    producer.close(Duration.ZERO);

    // The transaction times out after 1 s and the broker looks every 0.5 s; with Kafka's default
    // interval (10 s) this would usually not happen within the deadline.
    await("the dead producer's transaction aborted")
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> lastStableOffset() > 0);
  }

  private long lastStableOffset() throws Exception {
    return admin
        .listOffsets(
            Map.of(PARTITION, OffsetSpec.latest()),
            new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
        .partitionResult(PARTITION)
        .get()
        .offset();
  }

  private KafkaProducer<String, String> transactionalProducer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(),
            ProducerConfig.TRANSACTIONAL_ID_CONFIG,
            "abandoned",
            ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
            (int) TRANSACTION_TIMEOUT.toMillis()),
        new StringSerializer(),
        new StringSerializer());
  }
}
