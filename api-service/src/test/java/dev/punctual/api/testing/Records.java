package dev.punctual.api.testing;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;

/**
 * Writes records to topics as another producer would, and tells whether a consumer group has read a
 * topic to its end.
 */
public final class Records implements AutoCloseable {

  private final String bootstrapServers;
  private final KafkaProducer<String, byte[]> producer;

  public Records(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
    this.producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
            new StringSerializer(),
            new ByteArraySerializer());
  }

  /** Sends a record and waits until it is written. */
  public void send(String topic, String key, byte @Nullable [] value) {
    try {
      producer.send(new ProducerRecord<>(topic, key, value)).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot produce to " + topic, e.getCause());
    }
  }

  /** Sends a JSON text (or a tombstone for {@code null}). */
  public void sendText(String topic, String key, @Nullable String json) {
    send(topic, key, json == null ? null : json.getBytes(StandardCharsets.UTF_8));
  }

  /** Whether the group has committed offsets at the end of every partition of the topic. */
  public boolean consumedToEnd(String group, String topic) {
    try (var admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      var partitions =
          admin
              .describeTopics(java.util.List.of(topic))
              .allTopicNames()
              .get()
              .get(topic)
              .partitions()
              .stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      var ends =
          admin
              .listOffsets(
                  partitions.stream()
                      .collect(java.util.stream.Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
              .all()
              .get();
      var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      return partitions.stream()
          .allMatch(
              p -> {
                long end = ends.get(p).offset();
                var offset = committed.get(p);
                return end == 0 || (offset != null && offset.offset() >= end);
              });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot read the offsets of " + group, e.getCause());
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
