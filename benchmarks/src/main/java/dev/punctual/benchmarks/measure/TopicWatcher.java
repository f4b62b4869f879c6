package dev.punctual.benchmarks.measure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the fires or the results of one benchmark's jobs from the end of the topic on, as a {@code
 * read_committed} consumer, and records each in {@link Observations}. Parsing is minimal (the
 * watcher shares the machine with the system under test): a fire's occurrence comes from its
 * deterministic id {@code <jobId>@<epochMillis>} and its emission time from the record timestamp,
 * which the scheduler sets to {@code firedAt}; a result's from its {@code scheduledAt} and {@code
 * startedAt}.
 */
public final class TopicWatcher implements AutoCloseable {

  /** Which topic, and how to read its records. */
  public enum Kind {
    FIRES,
    RESULTS
  }

  private final Kind kind;
  private final String jobPrefix;
  private final Observations observations = new Observations();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong failed = new AtomicLong();
  private final Thread thread;

  private TopicWatcher(Kind kind, String jobPrefix, KafkaConsumer<byte[], byte[]> consumer) {
    this.kind = kind;
    this.jobPrefix = jobPrefix;
    this.thread = Thread.ofPlatform().name("watch-" + kind).start(() -> poll(consumer));
  }

  /** Starts watching {@code topic} from its current end for jobs named {@code <prefix><index>}. */
  public static TopicWatcher start(
      String bootstrapServers, String topic, Kind kind, String jobPrefix) {
    return start(bootstrapServers, topic, kind, jobPrefix, true);
  }

  /** Starts watching {@code topic} from its first record on (a new topic). */
  public static TopicWatcher startFromBeginning(
      String bootstrapServers, String topic, Kind kind, String jobPrefix) {
    return start(bootstrapServers, topic, kind, jobPrefix, false);
  }

  private static TopicWatcher start(
      String bootstrapServers, String topic, Kind kind, String jobPrefix, boolean fromEnd) {
    var consumer =
        new KafkaConsumer<>(
            Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                5_000,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                10),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
    var partitions =
        consumer.partitionsFor(topic).stream()
            .map(p -> new TopicPartition(topic, p.partition()))
            .toList();
    consumer.assign(partitions);
    if (fromEnd) {
      consumer.seekToEnd(partitions);
    } else {
      consumer.seekToBeginning(partitions);
    }
    partitions.forEach(consumer::position); // resolve the position now, before any load starts
    return new TopicWatcher(kind, jobPrefix, consumer);
  }

  public Observations observations() {
    return observations;
  }

  /** Results that were not SUCCEEDED (always 0 for fires). */
  public long failures() {
    return failed.get();
  }

  private void poll(KafkaConsumer<byte[], byte[]> consumer) {
    try (consumer) {
      while (running.get()) {
        var records = consumer.poll(Duration.ofMillis(50));
        long now = System.currentTimeMillis();
        for (var record : records) {
          record(record, now);
        }
      }
    }
  }

  private void record(ConsumerRecord<byte[], byte[]> record, long receivedAt) {
    var key = new String(record.key(), StandardCharsets.UTF_8);
    if (!key.startsWith(jobPrefix) || record.value() == null) {
      return;
    }
    int job = Integer.parseInt(key, jobPrefix.length(), key.length(), 10);
    var value = new String(record.value(), StandardCharsets.UTF_8);
    if (kind == Kind.FIRES) {
      int at = value.indexOf('@');
      int end = value.indexOf('"', at);
      long scheduled = Long.parseLong(value, at + 1, end, 10);
      observations.add(job, scheduled, record.timestamp(), receivedAt);
    } else {
      if (!value.contains("\"status\":\"SUCCEEDED\"")) {
        failed.incrementAndGet();
      }
      observations.add(
          job,
          instant(value, "\"scheduledAt\":\""),
          instant(value, "\"startedAt\":\""),
          receivedAt);
    }
  }

  private static long instant(String json, String field) {
    int start = json.indexOf(field) + field.length();
    return Instant.parse(json.substring(start, json.indexOf('"', start))).toEpochMilli();
  }

  @Override
  public void close() {
    running.set(false);
    try {
      thread.join(Duration.ofSeconds(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
