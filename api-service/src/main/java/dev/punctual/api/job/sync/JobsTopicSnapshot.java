package dev.punctual.api.job.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

/**
 * The last record of every key of the jobs topic, read from the beginning up to the end offsets
 * taken when the reading starts (later records are not waited for).
 */
final class JobsTopicSnapshot {

  /**
   * A key's last record.
   *
   * @param value its value; {@code null} for a tombstone
   * @param produced its timestamp
   */
  record Last(byte @Nullable [] value, Instant produced) {}

  private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);

  private JobsTopicSnapshot() {}

  /**
   * Reads the topic.
   *
   * @param deadline how long the reading may take in all
   * @throws IllegalStateException when it takes longer
   */
  static Map<String, Last> read(
      Supplier<Consumer<String, byte[]>> consumers, String topic, Duration deadline) {
    try (var consumer = consumers.get()) {
      var partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      var end = new HashMap<>(consumer.endOffsets(partitions));
      var last = new LinkedHashMap<String, Last>();
      long giveUpAt = System.nanoTime() + deadline.toNanos();
      while (!reachedEnd(consumer, end)) {
        if (System.nanoTime() > giveUpAt) {
          throw new IllegalStateException(
              "could not read " + topic + " to its end within " + deadline);
        }
        for (var record : consumer.poll(POLL_TIMEOUT)) {
          if (record.key() != null
              && record.offset() < end.getOrDefault(partitionOf(record), Long.MAX_VALUE)) {
            last.put(
                record.key(), new Last(record.value(), Instant.ofEpochMilli(record.timestamp())));
          }
        }
      }
      return last;
    }
  }

  private static TopicPartition partitionOf(
      org.apache.kafka.clients.consumer.ConsumerRecord<?, ?> record) {
    return new TopicPartition(record.topic(), record.partition());
  }

  private static boolean reachedEnd(Consumer<?, ?> consumer, Map<TopicPartition, Long> end) {
    return end.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> consumer.position(e.getKey())))
        .entrySet()
        .stream()
        .allMatch(e -> e.getValue() >= end.get(e.getKey()));
  }
}
