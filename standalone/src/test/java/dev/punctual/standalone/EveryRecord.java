package dev.punctual.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Every record the broker holds, in every topic (Kafka's internal ones and the Kafka Streams
 * changelogs included) and also those of aborted transactions, read from the beginning as raw
 * bytes: where to look for something that must never be written to Kafka.
 */
final class EveryRecord {

  private static final Duration DEADLINE = Duration.ofSeconds(60);

  /** Where one occurrence was found: topic, partition, offset and the part of the record. */
  record Found(String topic, int partition, long offset, String part) {}

  private EveryRecord() {}

  /** Every topic of the broker, internal ones included. */
  static List<String> topics(String bootstrapServers)
      throws ExecutionException, InterruptedException {
    try (var admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      return admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get().stream()
          .sorted()
          .toList();
    }
  }

  /**
   * Reads every partition of every topic to its end offset at the time of the call and reports each
   * key, value or header value that contains {@code needle}.
   *
   * @param readTopics receives the name of every topic read, so a caller can see what was searched
   */
  static List<Found> containing(String bootstrapServers, byte[] needle, List<String> readTopics)
      throws ExecutionException, InterruptedException {
    var found = new ArrayList<Found>();
    try (var consumer =
        new KafkaConsumer<>(
            Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                // Aborted transactions too: what was written and then rolled back was written.
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_uncommitted",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                5_000),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      var partitions = new ArrayList<TopicPartition>();
      for (var topic : topics(bootstrapServers)) {
        readTopics.add(topic);
        consumer
            .partitionsFor(topic)
            .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      var ends = new HashMap<>(consumer.endOffsets(partitions));
      var deadline = Instant.now().plus(DEADLINE);
      while (!ends.isEmpty()) {
        assertThat(Instant.now())
            .as("read every topic to its end before the deadline")
            .isBefore(deadline);
        for (var record : consumer.poll(Duration.ofMillis(200))) {
          found.addAll(search(record, needle));
        }
        ends.entrySet().removeIf(end -> consumer.position(end.getKey()) >= end.getValue());
      }
    }
    return found;
  }

  private static List<Found> search(ConsumerRecord<byte[], byte[]> record, byte[] needle) {
    var found = new ArrayList<Found>();
    if (contains(record.key(), needle)) {
      found.add(at(record, "key"));
    }
    if (contains(record.value(), needle)) {
      found.add(at(record, "value"));
    }
    for (var header : record.headers()) {
      if (contains(header.value(), needle)) {
        found.add(at(record, "header " + header.key()));
      }
    }
    return found;
  }

  private static Found at(ConsumerRecord<byte[], byte[]> record, String part) {
    return new Found(record.topic(), record.partition(), record.offset(), part);
  }

  static boolean contains(byte[] haystack, byte[] needle) {
    if (haystack == null || haystack.length < needle.length) {
      return false;
    }
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
        return true;
      }
    }
    return false;
  }
}
