package dev.punctual.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.punctual.embedded.EmbeddedKafka;
import dev.punctual.model.event.JobFired;
import dev.punctual.model.job.HttpTarget;
import dev.punctual.model.job.JobDefinition;
import dev.punctual.model.json.JobDefinitionCodec;
import dev.punctual.model.schedule.Schedule;
import dev.punctual.model.topic.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The scheduler application against a real Kafka broker: a job produced straight onto the jobs
 * topic fires every second (exactly-once, read by a {@code read_committed} consumer) until its
 * tombstone. JDBC and Flyway are on the test classpath, as in {@code standalone}, so this also
 * proves the application starts without a database.
 */
class SchedulerApplicationIT {

  private static final Topics TOPICS = Topics.DEFAULT;
  private static final String JOB_ID = "every-second";

  @TempDir static Path stateDir;
  private static EmbeddedKafka kafka;
  private static ConfigurableApplicationContext context;

  @BeforeAll
  static void start() {
    kafka = EmbeddedKafka.startForTests();
    kafka.createTopics(TOPICS.newTopics(3, (short) 1));
    context =
        SchedulerApplication.builder()
            .run(
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--punctual.scheduler.state-dir=" + stateDir,
                "--punctual.scheduler.num-standby-replicas=0");
  }

  @AfterAll
  static void stop() {
    if (context != null) {
      context.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void firesAJobProducedOntoTheJobsTopicEverySecondUntilItsTombstone() throws Exception {
    await("readiness")
        .atMost(Duration.ofSeconds(60))
        .until(() -> get("/actuator/health/readiness").contains("\"UP\""));
    var fires = new ArrayList<JobFired>();
    try (var producer = producer();
        var consumer = firesConsumer()) {
      var job =
          new JobDefinition(
              JOB_ID,
              null,
              Schedule.Interval.of(Duration.ofSeconds(1)),
              HttpTarget.post("https://example.com/tick"),
              null,
              null,
              false,
              null,
              null,
              null);
      producer
          .send(new ProducerRecord<>(TOPICS.jobs().name(), JOB_ID, JobDefinitionCodec.toBytes(job)))
          .get();

      await("three fires")
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                poll(consumer, fires);
                return fires.size() >= 3;
              });

      assertThat(fires).extracting(JobFired::jobId).containsOnly(JOB_ID);
      assertThat(new HashSet<>(fires.stream().map(JobFired::fireId).toList())).hasSameSizeAs(fires);
      assertThat(fires)
          .allSatisfy(fire -> assertThat(fire.firedAt()).isAfterOrEqualTo(fire.dueAt()));
      assertThat(fires.get(1).scheduledAt()).isEqualTo(fires.get(0).scheduledAt().plusSeconds(1));
      assertThat(get("/actuator/prometheus"))
          .contains(
              "punctual_scheduler_fires_total{application=\"punctual-scheduler\",trigger=\"SCHEDULE\"}",
              "punctual_scheduler_fire_lateness_seconds_bucket{",
              "punctual_scheduler_fire_delay_seconds_bucket{",
              "punctual_scheduler_jobs{application=\"punctual-scheduler\",status=\"ACTIVE\"} 1.0",
              "punctual_scheduler_occurrences_missed_total{",
              "punctual_scheduler_occurrences_skipped_total{",
              "punctual_scheduler_retries_scheduled_total",
              "punctual_scheduler_results_ignored_total");

      producer.send(new ProducerRecord<>(TOPICS.jobs().name(), JOB_ID, null)).get();
      var tombstoneSentAt = Instant.now();

      var seen = new AtomicInteger(fires.size());
      await("no fire for three seconds")
          .atMost(Duration.ofSeconds(30))
          .during(Duration.ofSeconds(3))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                poll(consumer, fires);
                return fires.size() == seen.getAndSet(fires.size());
              });
      // fires already in flight when the tombstone was written may arrive, none due after it
      assertThat(fires)
          .allSatisfy(
              fire -> assertThat(fire.scheduledAt()).isBefore(tombstoneSentAt.plusSeconds(1)));
    }
  }

  private static void poll(KafkaConsumer<String, JobFired> consumer, List<JobFired> fires) {
    consumer.poll(Duration.ofMillis(100)).forEach(record -> fires.add(record.value()));
  }

  private static KafkaProducer<String, byte[]> producer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG,
            "all"),
        new StringSerializer(),
        new ByteArraySerializer());
  }

  private static KafkaConsumer<String, JobFired> firesConsumer() {
    var consumer =
        new KafkaConsumer<>(
            Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            new StringDeserializer(),
            TOPICS.fires().valueSerde().deserializer());
    var partitions = new ArrayList<TopicPartition>();
    for (int p = 0; p < 3; p++) {
      partitions.add(new TopicPartition(TOPICS.fires().name(), p));
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    return consumer;
  }

  private static String get(String path) throws Exception {
    var port = context.getEnvironment().getProperty("local.server.port");
    try (var client = HttpClient.newHttpClient()) {
      return client
          .send(
              HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    }
  }
}
