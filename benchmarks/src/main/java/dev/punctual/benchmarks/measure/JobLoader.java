package dev.punctual.benchmarks.measure;

import dev.punctual.model.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces job definitions (or tombstones) straight onto {@code scheduler.jobs}, as any other
 * producer may, and waits until the scheduler has consumed them.
 */
public final class JobLoader {

  /** The scheduler's consumer group: its Kafka Streams application id. */
  public static final String SCHEDULER_GROUP = "punctual-scheduler";

  private final String bootstrapServers;

  public JobLoader(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  /** Sends {@code count} definitions, {@code <prefix><i>} → {@code definition(i)}. */
  public void load(String prefix, int count, IntFunction<String> definition) {
    try (var producer = producer()) {
      for (int i = 0; i < count; i++) {
        producer.send(
            new ProducerRecord<>(Topics.DEFAULT.jobs().name(), prefix + i, definition.apply(i)));
      }
      producer.flush();
    }
  }

  /** Deletes {@code <prefix>0 … <prefix>(count-1)}. */
  public void delete(String prefix, int count) {
    try (var producer = producer()) {
      for (int i = 0; i < count; i++) {
        producer.send(new ProducerRecord<>(Topics.DEFAULT.jobs().name(), prefix + i, null));
      }
      producer.flush();
    }
  }

  /** Waits until the scheduler's committed offsets reach the end of the jobs topic. */
  public Duration awaitConsumed(Duration timeout) {
    long start = System.nanoTime();
    try (var admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      while (System.nanoTime() - start < timeout.toNanos()) {
        if (lag(admin) == 0) {
          return Duration.ofNanos(System.nanoTime() - start);
        }
        Thread.sleep(100);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot read the scheduler's offsets", e);
    }
    throw new IllegalStateException("the scheduler did not consume the jobs within " + timeout);
  }

  private long lag(Admin admin) throws ExecutionException, InterruptedException, TimeoutException {
    var topic = Topics.DEFAULT.jobs().name();
    var committed =
        admin
            .listConsumerGroupOffsets(SCHEDULER_GROUP)
            .partitionsToOffsetAndMetadata()
            .get(10, TimeUnit.SECONDS);
    var partitions =
        admin
            .describeTopics(java.util.List.of(topic))
            .allTopicNames()
            .get()
            .get(topic)
            .partitions();
    long lag = 0;
    for (var partition : partitions) {
      var tp = new TopicPartition(topic, partition.partition());
      long end =
          admin.listOffsets(Map.of(tp, OffsetSpec.latest())).partitionResult(tp).get().offset();
      OffsetAndMetadata done = committed.get(tp);
      lag += end - (done == null ? 0 : done.offset());
    }
    return lag;
  }

  private KafkaProducer<String, String> producer() {
    return new KafkaProducer<>(
        Map.<String, Object>of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ProducerConfig.LINGER_MS_CONFIG,
            20,
            ProducerConfig.BATCH_SIZE_CONFIG,
            512 * 1024,
            ProducerConfig.COMPRESSION_TYPE_CONFIG,
            "lz4"),
        new StringSerializer(),
        new StringSerializer());
  }

  /** A Kafka-target definition writing {@code "x"} to the benchmark output topic. */
  public static String kafkaTargetJob(String id, String schedule) {
    return "{\"id\":\""
        + id
        + "\",\"schedule\":"
        + schedule
        + ",\"target\":{\"type\":\"kafka\",\"topic\":\"bench.out\",\"payload\":\"x\"},"
        + "\"retry\":{\"maxAttempts\":1}}";
  }

  /** {@code {"at":"…"}} */
  public static String at(Instant at) {
    return "{\"at\":\"" + at + "\"}";
  }

  /** {@code {"every":"PT10S","startAt":"…","misfirePolicy":"FIRE_ALL"}} */
  public static String everyFiringAll(Duration period, Instant startAt) {
    return "{\"every\":\""
        + period
        + "\",\"startAt\":\""
        + startAt
        + "\",\"misfirePolicy\":\"FIRE_ALL\"}";
  }

  /** {@code {"every":"PT10S","startAt":"…"}} */
  public static String every(Duration period, Instant startAt) {
    return "{\"every\":\"" + period + "\",\"startAt\":\"" + startAt + "\"}";
  }
}
