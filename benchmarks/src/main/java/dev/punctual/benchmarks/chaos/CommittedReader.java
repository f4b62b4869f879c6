package dev.punctual.benchmarks.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A {@code read_committed} consumer outside any group, assigned every partition of the given topics
 * from their first record: what a downstream reader sees (records of aborted transactions never
 * count). Unlike the tests' {@code TopicReader} it keeps nothing, so the ledger can follow millions
 * of fires, and it tells its position, so a reader knows when it has reached the end. A position
 * the broker reports out of range throws instead of being reset, so that its reader can say so.
 */
final class CommittedReader {

  private CommittedReader() {}

  static KafkaConsumer<String, byte[]> fromStart(String bootstrapServers, List<String> topics) {
    var consumer =
        new KafkaConsumer<>(
            Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                5_000,
                // Never skip silently: the default ("latest") would jump over records whose
                // position
                // the broker reports out of range, and the ledger would count them missing.
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "none"),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    consumer.assign(partitions(consumer, topics));
    consumer.seekToBeginning(consumer.assignment());
    return consumer;
  }

  private static List<TopicPartition> partitions(
      KafkaConsumer<String, byte[]> consumer, List<String> topics) {
    var partitions = new ArrayList<TopicPartition>();
    for (var topic : topics) {
      consumer
          .partitionsFor(topic)
          .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
    }
    return partitions;
  }
}
