package dev.punctual.scheduler.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.punctual.embedded.EmbeddedKafka;
import dev.punctual.model.event.ExecutionFinished;
import dev.punctual.model.event.ExecutionStatus;
import dev.punctual.model.event.JobFired;
import dev.punctual.model.event.Trigger;
import dev.punctual.model.job.HttpTarget;
import dev.punctual.model.job.JobDefinition;
import dev.punctual.model.job.RetryPolicy;
import dev.punctual.model.json.JobDefinitionCodec;
import dev.punctual.model.json.Json;
import dev.punctual.model.schedule.MisfirePolicy;
import dev.punctual.model.schedule.Schedule;
import dev.punctual.model.schedule.ScheduleOptions;
import dev.punctual.model.topic.Topics;
import dev.punctual.scheduler.SchedulerApplication;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A scheduler that shuts down cleanly and starts again, with a session timeout (30 s) far longer
 * than the pause allowed: firing must resume within seconds, which only happens if the stopped
 * instance left the group (static membership, removed on close) rather than being waited out. Each
 * start uses an empty state directory, so the timers come back from the changelogs: a retry owed
 * before the restarts fires after them.
 */
class SchedulerRestartIT {

  private static final Topics TOPICS = Topics.DEFAULT;
  private static final int PARTITIONS = 3;
  private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration ALLOWED_PAUSE = Duration.ofSeconds(12);
  private static final Duration RETRY_BACKOFF = Duration.ofSeconds(20);

  @TempDir Path stateDirs;
  private EmbeddedKafka kafka;
  private ConfigurableApplicationContext scheduler;

  @BeforeEach
  void startBroker() {
    kafka = EmbeddedKafka.startForTests();
    kafka.createTopics(TOPICS.newTopics(PARTITIONS, (short) 1));
  }

  @AfterEach
  void stop() {
    if (scheduler != null) {
      scheduler.close();
    }
    kafka.close();
  }

  @Test
  void firingResumesWithinSecondsAfterACleanRestartAndARetryOwedSurvivesIt() throws Exception {
    scheduler = start("scheduler-1", "first");
    try (var reader = new FiresReader(kafka.bootstrapServers(), TOPICS);
        var producer = producer()) {
      var startAt = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
      // FIRE_ALL: a restart pause longer than the interval is a misfire (the next occurrence is
      // due too); every tick must still fire, none twice
      define(
          producer,
          job(
              "tick",
              ScheduleOptions.builder().misfirePolicy(MisfirePolicy.FIRE_ALL).build(),
              startAt));
      define(
          producer, job("flaky", ScheduleOptions.DEFAULTS, Instant.now().plus(Duration.ofDays(1))));
      awaitTicks(reader, 3);
      var failed = failAttemptOne(producer);
      var retryAt = failed.finishedAt().plus(RETRY_BACKOFF);

      // restart with the same instance id: it takes its tasks back
      scheduler.close();
      scheduler = start("scheduler-1", "second");
      int ticks = ticks(reader).size();
      awaitTicks(reader, ticks + 3);

      // stop and start another instance: it gets the tasks the stopped one gave up
      scheduler.close();
      scheduler = start("scheduler-2", "third");
      ticks = ticks(reader).size();
      awaitTicks(reader, ticks + 3);

      var retry =
          await("the retry owed since before the restarts")
              .atMost(RETRY_BACKOFF.plusSeconds(30))
              .until(
                  () ->
                      reader.seen().stream()
                          .map(FiresReader.Seen::fire)
                          .filter(fire -> fire.trigger() == Trigger.RETRY)
                          .toList(),
                  fires -> !fires.isEmpty())
              .getFirst();
      assertThat(retry.fireId()).isEqualTo(failed.fireId());
      assertThat(retry.attempt()).isEqualTo(2);
      assertThat(retry.dueAt()).isEqualTo(retryAt);
      assertThat(retry.firedAt()).isAfterOrEqualTo(retryAt);

      var all = ticks(reader);
      assertThat(new HashSet<>(all.stream().map(JobFired::fireId).toList()))
          .as("no tick fired twice")
          .hasSameSizeAs(all);
      var scheduled = all.stream().map(JobFired::scheduledAt).sorted().toList();
      for (int i = 1; i < scheduled.size(); i++) {
        assertThat(scheduled.get(i))
            .as("no tick skipped")
            .isEqualTo(scheduled.get(i - 1).plusSeconds(1));
      }
      var fired = all.stream().map(JobFired::firedAt).sorted().toList();
      long longest = 0;
      for (int i = 1; i < fired.size(); i++) {
        longest = Math.max(longest, Duration.between(fired.get(i - 1), fired.get(i)).toMillis());
      }
      System.out.printf(
          "Longest pause between ticks over two clean restarts: %d ms (session timeout %s)%n",
          longest, SESSION_TIMEOUT);
      assertThat(Duration.ofMillis(longest)).isLessThan(ALLOWED_PAUSE);
    }
  }

  private ConfigurableApplicationContext start(String instanceId, String stateDir) {
    return SchedulerApplication.builder()
        .run(
            "--server.port=0",
            "--spring.main.banner-mode=off",
            "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
            "--punctual.scheduler.state-dir=" + stateDirs.resolve(stateDir),
            "--punctual.scheduler.instance-id=" + instanceId,
            "--punctual.scheduler.num-standby-replicas=0",
            "--punctual.scheduler.session-timeout=" + SESSION_TIMEOUT.toSeconds() + "s");
  }

  private void awaitTicks(FiresReader reader, int count) {
    await(count + " ticks")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> ticks(reader).size() >= count);
  }

  private static List<JobFired> ticks(FiresReader reader) {
    return reader.seen().stream()
        .map(FiresReader.Seen::fire)
        .filter(fire -> fire.jobId().equals("tick"))
        .toList();
  }

  /** Attempt 1 of a fire of {@code flaky} failed just now: the scheduler owes attempt 2. */
  private ExecutionFinished failAttemptOne(KafkaProducer<String, byte[]> producer)
      throws Exception {
    var now = Instant.now();
    var fire =
        JobFired.scheduled(
            job("flaky", ScheduleOptions.DEFAULTS, Instant.now()), now.minusSeconds(1), now, 0);
    var failed =
        new ExecutionFinished(
            fire.fireId(),
            "flaky",
            1,
            Trigger.SCHEDULE,
            ExecutionStatus.FAILED,
            fire.scheduledAt(),
            fire.dueAt(),
            now,
            now,
            "worker-1",
            JsonNodeFactory.instance.objectNode(),
            "HTTP 503: unavailable",
            null); // retryable as its status says
    producer
        .send(new ProducerRecord<>(TOPICS.results().name(), "flaky", Json.toBytes(failed)))
        .get();
    return failed;
  }

  private static JobDefinition job(String id, ScheduleOptions base, Instant startAt) {
    var options =
        ScheduleOptions.builder()
            .timeZone(base.timeZone())
            .startAt(startAt)
            .misfirePolicy(base.misfirePolicy())
            .catchUpWindow(base.catchUpWindow())
            .build();
    return new JobDefinition(
        id,
        null,
        new Schedule.Interval(Duration.ofSeconds(id.equals("tick") ? 1 : 86_400), options),
        HttpTarget.post("https://example.com/" + id),
        null,
        new RetryPolicy(3, RETRY_BACKOFF, 2.0, Duration.ofMinutes(5)),
        false,
        null,
        null,
        null);
  }

  private static void define(KafkaProducer<String, byte[]> producer, JobDefinition job)
      throws Exception {
    producer
        .send(new ProducerRecord<>(TOPICS.jobs().name(), job.id(), JobDefinitionCodec.toBytes(job)))
        .get();
  }

  private KafkaProducer<String, byte[]> producer() {
    return new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
        new StringSerializer(),
        new ByteArraySerializer());
  }
}
