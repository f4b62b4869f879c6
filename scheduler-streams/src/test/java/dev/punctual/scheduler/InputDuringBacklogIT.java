package dev.punctual.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.punctual.embedded.EmbeddedKafka;
import dev.punctual.embedded.TopicReader;
import dev.punctual.model.json.JobDefinitionCodec;
import dev.punctual.model.topic.Topics;
import dev.punctual.scheduler.topology.Jobs;
import dev.punctual.scheduler.topology.SchedulerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A scheduler with a backlog of fires still reads its input once that input is behind: tombstones
 * written (with timestamps a minute old, as input that is behind has) once a burst of 20,000 fires
 * due at the same instant has begun are applied before the burst reaches their jobs (the last ones
 * of the burst, which fires in job-id order), so none of those jobs fires.
 *
 * <p>One partition, so one task does all the work, and punctuations every 5 ms, so that a round of
 * up to 1,000 fires takes longer than its interval: without {@code PunctuationPacer} Kafka Streams
 * would then punctuate in every iteration of its loop and read one input record per round (this
 * test failed so), and the burst would reach the tombstoned jobs long before their tombstones.
 */
class InputDuringBacklogIT {

  private static final Topics TOPICS = Topics.DEFAULT;
  private static final int JOBS = 20_000;
  private static final int DELETED = 500;

  @TempDir Path stateDir;
  private EmbeddedKafka kafka;
  private ConfigurableApplicationContext context;

  @AfterEach
  void stop() {
    if (context != null) {
      context.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void tombstonesWrittenDuringABurstAreAppliedBeforeTheBurstReachesTheirJobs() throws Exception {
    kafka = EmbeddedKafka.startForTests();
    kafka.createTopics(TOPICS.newTopics(1, (short) 1));
    context =
        SchedulerApplication.builder()
            .run(
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--punctual.scheduler.state-dir=" + stateDir,
                "--punctual.scheduler.num-standby-replicas=0",
                "--punctual.scheduler.punctuation-interval=PT0.005S");
    var registry = context.getBean(MeterRegistry.class);
    // Due once the scheduler has surely read every definition (checked below, before it is due).
    // Alone it reads them in about 10 s; in CI, beside another test JVM running several
    // schedulers, it took over 20 s, and the first jobs fired (and completed) before the last were
    // read; on a slow day in CI 45 s were not enough either.
    var dueAt = Instant.now().plusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
    var ids = new ArrayList<String>();
    for (int i = 0; i < JOBS; i++) {
      ids.add("job-%05d".formatted(i));
    }
    // Jobs due at the same instant fire in job-id order: the tombstoned ones last.
    var deleted = Set.copyOf(ids.subList(JOBS - DELETED, JOBS));

    try (var producer = producer();
        var fires = new TopicReader(kafka.bootstrapServers(), TOPICS.fires().name())) {
      var sent = new ArrayList<Future<?>>();
      for (var id : ids) {
        var job = Jobs.aJob(id).at(dueAt).build();
        sent.add(
            producer.send(
                new ProducerRecord<>(TOPICS.jobs().name(), id, JobDefinitionCodec.toBytes(job))));
      }
      for (var future : sent) {
        future.get();
      }
      await("the scheduler holds every job before they are due (a slower machine needs more time)")
          .atMost(Duration.between(Instant.now(), dueAt))
          .untilAsserted(() -> assertThat(activeJobs(registry)).isEqualTo(JOBS));

      await("the burst began")
          .atMost(Duration.ofSeconds(60))
          .until(() -> !fires.poll(Duration.ofMillis(100)).isEmpty());
      // Stamped as written a minute ago: input that is behind, as the scheduler's input is when it
      // has starved for a while. Input that is not behind does not hold the fires back.
      long behind = System.currentTimeMillis() - 60_000;
      for (var id : deleted) {
        producer.send(
            new ProducerRecord<String, byte[]>(TOPICS.jobs().name(), null, behind, id, null));
      }
      producer.flush();

      await("the burst's end")
          .atMost(Duration.ofSeconds(120))
          .until(() -> fires.poll(Duration.ofMillis(100)).size() >= JOBS - DELETED);
      var seen = new AtomicInteger();
      await("no further fire for two seconds")
          .atMost(Duration.ofSeconds(60))
          .during(Duration.ofSeconds(2))
          .until(
              () -> {
                int now = fires.poll(Duration.ofMillis(100)).size();
                return now == seen.getAndSet(now);
              });

      // The fires topic is keyed by job id.
      var firedIds = fires.poll().stream().map(ConsumerRecord::key).toList();
      assertThat(new HashSet<>(firedIds)).as("each job fired once").hasSameSizeAs(firedIds);
      assertThat(firedIds.stream().filter(deleted::contains).count())
          .as("jobs fired although their tombstones were written while the burst began")
          .isZero();
      assertThat(firedIds).hasSize(JOBS - DELETED);
    }
  }

  private static double activeJobs(MeterRegistry registry) {
    var gauge = registry.find(SchedulerMetrics.JOBS).tag("status", "ACTIVE").gauge();
    return gauge == null ? -1 : gauge.value();
  }

  private KafkaProducer<String, byte[]> producer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(),
            ProducerConfig.LINGER_MS_CONFIG,
            5,
            ProducerConfig.ACKS_CONFIG,
            "all"),
        new StringSerializer(),
        new ByteArraySerializer());
  }
}
