package dev.punctual.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedServersIT {

  @TempDir Path data;

  @Test
  void kafkaKeepsCommittedTransactionsAcrossARestartAndHidesAbortedOnes() throws Exception {
    try (var kafka = EmbeddedKafka.start(data.resolve("kafka"), 0, 0, Map.of())) {
      kafka.createTopics(List.of(new NewTopic("t", 2, (short) 1)));
      try (var producer = transactionalProducer(kafka.bootstrapServers())) {
        producer.initTransactions();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>("t", "k", "committed"));
        producer.commitTransaction();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>("t", "k", "aborted"));
        producer.abortTransaction();
      }
    }

    try (var kafka = EmbeddedKafka.start(data.resolve("kafka"), 0, 0, Map.of())) {
      assertThat(readCommitted(kafka.bootstrapServers(), "t", 1)).containsExactly("committed");
    }
  }

  @Test
  void postgresKeepsItsDataAcrossARestart() throws Exception {
    try (var postgres = EmbeddedPostgres.start(data.resolve("pg"), 0);
        var connection = postgres.dataSource().getConnection()) {
      connection.createStatement().execute("create table kept (v text)");
      connection.createStatement().execute("insert into kept values ('still here')");
    }

    try (var postgres = EmbeddedPostgres.start(data.resolve("pg"), 0);
        var connection = postgres.dataSource().getConnection();
        var rows = connection.createStatement().executeQuery("select v from kept")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(1)).isEqualTo("still here");
      assertThat(postgres.jdbcUrl()).startsWith("jdbc:postgresql://localhost:");
    }
  }

  private static KafkaProducer<String, String> transactionalProducer(String bootstrap) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ProducerConfig.TRANSACTIONAL_ID_CONFIG,
            "embedded-it"),
        new StringSerializer(),
        new StringSerializer());
  }

  private static List<String> readCommitted(String bootstrap, String topic, int expected) {
    var values = new ArrayList<String>();
    try (var consumer =
        new KafkaConsumer<>(
            Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "embedded-it",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      // Poll until the committed record arrived, then once more to see that nothing else comes.
      while (values.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
      }
      consumer.poll(Duration.ofSeconds(1)).forEach(r -> values.add(r.value()));
    }
    return values;
  }
}
