package dev.punctual.scheduler.failover;

import dev.punctual.model.event.JobFired;
import dev.punctual.model.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the fires topic from the beginning with a {@code read_committed} consumer on a thread of
 * its own, keeping every fire with the partition it came from and when it became visible.
 */
final class FiresReader implements AutoCloseable {

  /**
   * A fire as read.
   *
   * @param receivedAt when this reader got it (wall clock, epoch millis): after its transaction
   *     committed
   */
  record Seen(JobFired fire, int partition, long receivedAt) {}

  private final List<Seen> seen = new ArrayList<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;
  private volatile RuntimeException failure;

  FiresReader(String bootstrapServers, Topics topics, int partitions) {
    var consumer =
        new KafkaConsumer<>(
            Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                5_000),
            new StringDeserializer(),
            topics.fires().valueSerde().deserializer());
    var assigned = new ArrayList<TopicPartition>();
    for (int p = 0; p < partitions; p++) {
      assigned.add(new TopicPartition(topics.fires().name(), p));
    }
    consumer.assign(assigned);
    consumer.seekToBeginning(assigned);
    thread =
        Thread.ofPlatform()
            .name("fires-reader")
            .start(
                () -> {
                  try (consumer) {
                    while (running.get()) {
                      var records = consumer.poll(Duration.ofMillis(100));
                      long now = System.currentTimeMillis();
                      synchronized (seen) {
                        records.forEach(r -> seen.add(new Seen(r.value(), r.partition(), now)));
                      }
                    }
                  } catch (RuntimeException e) {
                    failure = e;
                  }
                });
  }

  /** A copy of every fire read so far. */
  List<Seen> seen() {
    if (failure != null) {
      throw new IllegalStateException("the fires reader failed", failure);
    }
    synchronized (seen) {
      return List.copyOf(seen);
    }
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    thread.join(10_000);
  }
}
