package dev.punctual.worker;

import static org.awaitility.Awaitility.await;

import dev.punctual.embedded.EmbeddedKafka;
import dev.punctual.embedded.TopicReader;
import dev.punctual.model.event.ExecutionFinished;
import dev.punctual.model.event.JobFired;
import dev.punctual.model.json.Json;
import dev.punctual.model.topic.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Kafka broker for every integration test of this JVM (started on first use, stopped when the
 * JVM exits), and the test-side Kafka chores: topics, fires in, results and records out, read as a
 * {@code read_committed} consumer.
 */
public final class TestKafka {

  public static final Duration DEADLINE = Duration.ofSeconds(90);

  private static final int SEND_ATTEMPTS = 3;
  // At least the producer's request timeout (30 s) plus its linger.
  private static final Duration SEND_TIMEOUT = Duration.ofSeconds(40);

  private static final Logger log = LoggerFactory.getLogger(TestKafka.class);

  private static EmbeddedKafka broker;

  private TestKafka() {}

  public static synchronized String bootstrapServers() {
    if (broker == null) {
      try {
        // The coordinator aborts the transaction of a crashed worker once it timed out; check
        // every second instead of every 10 s, so tests of crashes stay short.
        broker =
            EmbeddedKafka.start(
                Files.createTempDirectory("punctual-worker-it-"),
                0,
                0,
                Map.of("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
    }
    return broker.bootstrapServers();
  }

  /** Creates the installation's topics with {@code partitions} partitions each. */
  public static Topics topics(String prefix, int partitions) {
    bootstrapServers();
    var topics = new Topics(prefix);
    createTopics(topics.newTopics(partitions, (short) 1));
    return topics;
  }

  /**
   * Creates the topics and waits until each partition has a leader: a record sent to a partition
   * the broker does not lead yet can leave an idempotent producer retrying for a long while.
   */
  public static void createTopics(List<NewTopic> topics) {
    bootstrapServers();
    broker.createTopics(topics);
    var names = topics.stream().map(NewTopic::name).toList();
    try (var admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
      await()
          .atMost(DEADLINE)
          .ignoreExceptions()
          .until(
              () ->
                  admin
                      .describeTopics(names)
                      .allTopicNames()
                      .get(10, TimeUnit.SECONDS)
                      .values()
                      .stream()
                      .flatMap(description -> description.partitions().stream())
                      .allMatch(partition -> partition.leader() != null));
    }
  }

  /**
   * Writes the fires onto the fires topic, keyed by job id, and waits until they are written.
   *
   * <p>Twice in CI the first producer of a worker test JVM sent nothing at all for its whole
   * delivery timeout (the first record of the batch expired "not sent", on a broker that had
   * created the topics and answered their leaders); the cause was not found. Records whose send
   * expired are sent again by a new producer, up to {@link #SEND_ATTEMPTS} producers, and each
   * expiry is logged, so that a test fails only if the broker takes none of them.
   */
  public static void produce(Topics topics, List<JobFired> fires) {
    var records = new ArrayList<ProducerRecord<byte[], byte[]>>();
    for (var fire : fires) {
      records.add(
          new ProducerRecord<>(topics.fires().name(), bytes(fire.jobId()), Json.toBytes(fire)));
    }
    for (int attempt = 1; !records.isEmpty(); attempt++) {
      var expired = sendAll(records);
      if (!expired.isEmpty() && attempt == SEND_ATTEMPTS) {
        throw new IllegalStateException(
            "producing fires failed: "
                + expired.size()
                + " records not written after "
                + SEND_ATTEMPTS
                + " producers");
      }
      if (!expired.isEmpty()) {
        log.warn(
            "{} of {} records expired unsent; sending them again with a new producer",
            expired.size(),
            records.size());
      }
      records = expired;
    }
  }

  /** Sends the records with a new producer; returns those whose delivery timed out. */
  private static ArrayList<ProducerRecord<byte[], byte[]>> sendAll(
      List<ProducerRecord<byte[], byte[]>> records) {
    var expired = new ArrayList<ProducerRecord<byte[], byte[]>>();
    try (var producer = byteProducer(SEND_TIMEOUT)) {
      var sent = new ArrayList<java.util.concurrent.Future<?>>();
      for (var record : records) {
        sent.add(producer.send(record));
      }
      for (int i = 0; i < sent.size(); i++) {
        try {
          sent.get(i).get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException)) {
            throw new IllegalStateException("producing fires failed: " + e, e);
          }
          if (expired.isEmpty()) {
            log.warn("a record expired: {}", e.getCause().getMessage());
          }
          expired.add(records.get(i));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("producing fires failed: " + e, e);
    }
    return expired;
  }

  public static KafkaProducer<byte[], byte[]> byteProducer() {
    return byteProducer(DEADLINE);
  }

  private static KafkaProducer<byte[], byte[]> byteProducer(Duration deliveryTimeout) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers(),
            ProducerConfig.LINGER_MS_CONFIG,
            5,
            ProducerConfig.MAX_BLOCK_MS_CONFIG,
            (int) DEADLINE.toMillis(),
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
            (int) deliveryTimeout.toMillis(),
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            ByteArraySerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            ByteArraySerializer.class));
  }

  /**
   * Every committed record of {@code topic}, read until at least {@code atLeast} arrived and one
   * more poll found nothing further.
   */
  public static List<ConsumerRecord<String, byte[]>> readAll(String topic, int atLeast) {
    try (var reader = new TopicReader(bootstrapServers(), topic)) {
      await()
          .atMost(DEADLINE)
          .until(
              () ->
                  reader.next(Duration.ofMillis(500)).isEmpty()
                      && reader.poll(Duration.ZERO).size() >= atLeast);
      return reader.poll(Duration.ZERO);
    }
  }

  /** Every committed result, read until at least {@code atLeast} arrived and no more came. */
  public static List<ExecutionFinished> readResults(Topics topics, int atLeast) {
    return readAll(topics.results().name(), atLeast).stream()
        .map(record -> result(topics, record))
        .toList();
  }

  public static ExecutionFinished result(Topics topics, ConsumerRecord<String, byte[]> record) {
    return topics.results().valueSerde().deserializer().deserialize(record.topic(), record.value());
  }

  /** The members of {@code group} and what each was assigned. */
  public static List<MemberDescription> members(String group) {
    try (var admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
      ConsumerGroupDescription description =
          admin.describeConsumerGroups(List.of(group)).all().get(10, TimeUnit.SECONDS).get(group);
      return List.copyOf(description.members());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot describe group " + group, e);
    }
  }

  /** Waits until {@code group} has {@code count} members that each own some partitions. */
  public static void awaitMembersWithPartitions(String group, int count) {
    await()
        .atMost(DEADLINE)
        .until(
            () -> {
              var members = members(group);
              return members.size() == count
                  && members.stream().allMatch(m -> !m.assignment().topicPartitions().isEmpty());
            });
  }

  public static String text(byte[] bytes) {
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }

  public static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  public static String header(ConsumerRecord<String, byte[]> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : text(header.value());
  }
}
