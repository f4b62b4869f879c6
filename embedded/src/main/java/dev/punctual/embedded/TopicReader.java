package dev.punctual.embedded;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a whole topic from the beginning with a {@code read_committed} consumer outside any group
 * (so it sees only what producers committed, as a downstream reader would), and keeps what it read,
 * so a test can wait for a record to appear. The one topic reader of every module's tests: keys are
 * strings (every Punctual topic is keyed by job id), values raw bytes for the test to decode.
 */
public final class TopicReader implements AutoCloseable {

  private final KafkaConsumer<String, byte[]> consumer;
  private final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();

  /** A reader of every partition of {@code topic}, from its first record. */
  public TopicReader(String bootstrapServers, String topic) {
    consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                5_000),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    var partitions =
        consumer.partitionsFor(topic).stream()
            .map(p -> new TopicPartition(topic, p.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  /** Everything read so far, after polling once more; records of one partition in topic order. */
  public List<ConsumerRecord<String, byte[]>> poll() {
    return poll(Duration.ofMillis(200));
  }

  /** {@link #poll()} with a given wait for new records. */
  public List<ConsumerRecord<String, byte[]>> poll(Duration wait) {
    next(wait);
    return List.copyOf(records);
  }

  /**
   * Polls once, waiting at most {@code wait}: only the records this poll read (they are kept as
   * well), for a reader that follows a long topic without copying it each time.
   */
  public List<ConsumerRecord<String, byte[]>> next(Duration wait) {
    var polled = new ArrayList<ConsumerRecord<String, byte[]>>();
    consumer.poll(wait).forEach(polled::add);
    records.addAll(polled);
    return polled;
  }

  /** The records with this key read so far, after polling once more, in topic order. */
  public List<ConsumerRecord<String, byte[]>> recordsOf(String key) {
    return poll().stream().filter(r -> key.equals(r.key())).toList();
  }

  @Override
  public void close() {
    consumer.close();
  }
}
