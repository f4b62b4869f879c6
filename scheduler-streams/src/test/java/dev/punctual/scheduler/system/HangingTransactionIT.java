package dev.punctual.scheduler.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.punctual.embedded.EmbeddedKafka;
import dev.punctual.model.json.JobDefinitionCodec;
import dev.punctual.model.topic.Topics;
import dev.punctual.scheduler.SchedulerApplication;
import dev.punctual.scheduler.topology.Jobs;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Hanging transactions against a real broker: one is forged on a partition ({@link
 * ForgedTransaction}), the watchdog aborts it and leaves a live transaction alone, and a scheduler
 * whose jobs partition hangs fires its job once its own watchdog has aborted it.
 */
class HangingTransactionIT {

  @TempDir static Path dataDir;
  @TempDir static Path stateDir;
  private static EmbeddedKafka kafka;

  @BeforeAll
  static void start() {
    // The forged record is a transactional write the coordinator never heard of: with partition
    // verification on (Kafka's default) the broker refuses it.
    kafka =
        EmbeddedKafka.start(
            dataDir, 0, 0, Map.of("transaction.partition.verification.enable", "false"));
  }

  @AfterAll
  static void stop() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void looksAtTheOffsetsOfTheSchedulersGroupAndTheWorkersGroup() throws Exception {
    var topics = new Topics("hang3.");
    kafka.createTopics(topics.newTopics(1, (short) 1));
    try (var admin = admin()) {
      // A group's first commit creates the offsets topic.
      admin
          .alterConsumerGroupOffsets(
              "hang3-probe",
              Map.of(new TopicPartition(topics.jobs().name(), 0), new OffsetAndMetadata(0)))
          .all()
          .get(20, TimeUnit.SECONDS);
      int count =
          admin
              .describeTopics(List.of("__consumer_offsets"))
              .allTopicNames()
              .get(20, TimeUnit.SECONDS)
              .get("__consumer_offsets")
              .partitions()
              .size();
      var watchdog =
          new HangingTransactionWatchdog(
              adminConfig(),
              properties("hang3."),
              new SimpleMeterRegistry(),
              System::currentTimeMillis);

      var offsets =
          watchdog.partitions(admin).stream()
              .filter(p -> p.topic().equals("__consumer_offsets"))
              .toList();

      assertThat(offsets)
          .containsExactlyInAnyOrder(
              new TopicPartition(
                  "__consumer_offsets", Utils.abs("hang3.scheduler".hashCode()) % count),
              new TopicPartition(
                  "__consumer_offsets", Utils.abs("punctual-worker".hashCode()) % count));
    }
  }

  @Test
  void abortsTheTransactionNoCoordinatorWillEndAndLeavesALiveOneAlone() throws Exception {
    var topics = new Topics("hang1.");
    kafka.createTopics(topics.newTopics(2, (short) 1));
    var hanging = new TopicPartition(topics.jobs().name(), 0);
    var live = new TopicPartition(topics.jobs().name(), 1);
    ForgedTransaction.leaveOpen("localhost", port(), hanging, 900_001L, System.currentTimeMillis());
    try (var admin = admin();
        var liveProducer = transactionalProducer("hang1-live")) {
      liveProducer.initTransactions();
      liveProducer.beginTransaction();
      liveProducer.send(new ProducerRecord<>(live.topic(), live.partition(), "live", "live"));
      liveProducer.flush();

      // The watchdog's clock runs a minute ahead: both open transactions are old enough to judge.
      var registry = new SimpleMeterRegistry();
      var watchdog =
          new HangingTransactionWatchdog(
              adminConfig(),
              properties("hang1."),
              registry,
              () -> System.currentTimeMillis() + 60_000);
      assertThat(watchdog.partitions(admin)).contains(hanging, live);
      assertThat(
              new HangingTransactions.Look(
                      admin,
                      System.currentTimeMillis() + 60_000,
                      Duration.ofSeconds(30),
                      Duration.ofSeconds(20))
                  .openOlderThan(List.of(hanging, live)))
          .as("both transactions are open before the check")
          .extracting(HangingTransactions.Open::partition)
          .containsExactlyInAnyOrder(hanging, live);

      var ended = watchdog.check(admin);

      assertThat(ended)
          .singleElement()
          .satisfies(
              open -> {
                assertThat(open.partition()).isEqualTo(hanging);
                assertThat(open.producer().producerId()).isEqualTo(900_001L);
              });
      assertThat(registry.counter("punctual.scheduler.hanging.transactions.aborted").count())
          .isEqualTo(1.0);
      assertThat(watchdog.check(admin)).as("nothing left to abort").isEmpty();

      try (var producer = plainProducer()) {
        producer
            .send(new ProducerRecord<>(hanging.topic(), hanging.partition(), "after", "after"))
            .get();
      }
      assertThat(committedValues(hanging, 1)).containsExactly("after");

      liveProducer.commitTransaction();
      assertThat(committedValues(live, 1)).containsExactly("live");
    }
  }

  /**
   * What a single broker's shutdown leaves behind: a transaction its coordinator committed (its
   * producer was told so) whose marker never reached one of its partitions. The forged record there
   * carries the producer id and epoch of a real transaction the coordinator committed; the watchdog
   * commits it there too, so a {@code read_committed} reader sees the record, where an abort would
   * drop it.
   */
  @Test
  void commitsAHangingTransactionItsCoordinatorCommitted() throws Exception {
    var topics = new Topics("hang4.");
    kafka.createTopics(topics.newTopics(2, (short) 1));
    var written = new TopicPartition(topics.results().name(), 0);
    var hanging = new TopicPartition(topics.results().name(), 1);
    long producerId;
    try (var admin = admin();
        var producer = transactionalProducer("hang4-worker")) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(written.topic(), written.partition(), "real", "real"));
      producer.commitTransaction();
      var coordinator =
          admin
              .describeTransactions(List.of("hang4-worker"))
              .all()
              .get(20, TimeUnit.SECONDS)
              .get("hang4-worker");
      assertThat(coordinator.state()).isEqualTo(TransactionState.COMPLETE_COMMIT);
      assertThat(coordinator.producerEpoch())
          .as("transaction version 2: the commit raised the epoch the transaction had (0)")
          .isEqualTo(1);
      producerId = coordinator.producerId();
    }
    ForgedTransaction.leaveOpen(
        "localhost", port(), hanging, producerId, System.currentTimeMillis());
    try (var admin = admin()) {
      var registry = new SimpleMeterRegistry();
      var watchdog =
          new HangingTransactionWatchdog(
              adminConfig(),
              properties("hang4."),
              registry,
              () -> System.currentTimeMillis() + 60_000);

      var ended = watchdog.check(admin);

      assertThat(ended).extracting(HangingTransactions.Open::partition).containsExactly(hanging);
      assertThat(registry.counter("punctual.scheduler.hanging.transactions.committed").count())
          .isEqualTo(1.0);
      assertThat(registry.counter("punctual.scheduler.hanging.transactions.aborted").count())
          .isZero();
      assertThat(committedValues(hanging, 1)).containsExactly("never committed");
      assertThat(watchdog.check(admin)).as("nothing left to end").isEmpty();
    }
  }

  @Test
  void aSchedulerWhoseJobsPartitionHangsFiresOnceItsWatchdogAbortsTheTransaction()
      throws Exception {
    var topics = new Topics("hang2.");
    kafka.createTopics(topics.newTopics(1, (short) 1));
    var jobs = new TopicPartition(topics.jobs().name(), 0);
    ForgedTransaction.leaveOpen("localhost", port(), jobs, 900_002L, System.currentTimeMillis());
    var job = Jobs.aJob("behind-the-hang").every(Duration.ofSeconds(1)).build();
    try (var producer = plainProducer()) {
      producer
          .send(
              new ProducerRecord<>(
                  jobs.topic(),
                  jobs.partition(),
                  job.id(),
                  new String(JobDefinitionCodec.toBytes(job), StandardCharsets.UTF_8)))
          .get();
    }
    try (var context =
            SchedulerApplication.builder()
                .run(
                    "--server.port=0",
                    "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                    "--punctual.scheduler.topic-prefix=hang2.",
                    "--punctual.scheduler.application-id=hang2-scheduler",
                    "--punctual.scheduler.state-dir=" + stateDir,
                    "--punctual.scheduler.num-standby-replicas=0",
                    "--punctual.scheduler.hanging-transaction-check=1s",
                    "--punctual.scheduler.hanging-transaction-age=3s");
        var fires = committedConsumer()) {
      fires.assign(List.of(new TopicPartition(topics.fires().name(), 0)));
      fires.seekToBeginning(fires.assignment());
      var seen = new ArrayList<String>();
      await("a fire of the job behind the hanging transaction")
          .atMost(Duration.ofSeconds(90))
          .until(
              () -> {
                fires.poll(Duration.ofMillis(200)).forEach(record -> seen.add(record.value()));
                return seen.stream().anyMatch(fire -> fire.contains("\"" + job.id() + "\""));
              });
      var port = context.getEnvironment().getProperty("local.server.port");
      assertThat(get(port, "/actuator/prometheus"))
          .contains(
              "punctual_scheduler_hanging_transactions_aborted_total{application=\"punctual-scheduler\"} 1.0");
    }
  }

  private static List<String> committedValues(TopicPartition partition, int atLeast) {
    var values = new ArrayList<String>();
    try (var consumer = committedConsumer()) {
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> values.add(record.value()));
                return values.size() >= atLeast;
              });
    }
    return values;
  }

  private static int port() {
    var servers = kafka.bootstrapServers();
    return Integer.parseInt(servers.substring(servers.lastIndexOf(':') + 1));
  }

  private static SchedulerProperties properties(String prefix) {
    return new Binder(
            new MapConfigurationPropertySource(
                Map.of(
                    "punctual.scheduler.topic-prefix",
                    prefix,
                    "punctual.scheduler.application-id",
                    prefix + "scheduler")))
        .bind("punctual.scheduler", SchedulerProperties.class)
        .get();
  }

  private static Map<String, Object> adminConfig() {
    return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
  }

  private static Admin admin() {
    return Admin.create(adminConfig());
  }

  private static KafkaProducer<String, String> transactionalProducer(String transactionalId) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(),
            ProducerConfig.TRANSACTIONAL_ID_CONFIG,
            transactionalId,
            ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
            120_000),
        new StringSerializer(),
        new StringSerializer());
  }

  private static KafkaProducer<String, String> plainProducer() {
    return new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
        new StringSerializer(),
        new StringSerializer());
  }

  private static KafkaConsumer<String, String> committedConsumer() {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(),
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false),
        new StringDeserializer(),
        new StringDeserializer());
  }

  private static String get(String port, String path) throws Exception {
    try (var client = HttpClient.newHttpClient()) {
      return client
          .send(
              HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    }
  }
}
