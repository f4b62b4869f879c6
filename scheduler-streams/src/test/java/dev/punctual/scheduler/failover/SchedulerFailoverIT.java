package dev.punctual.scheduler.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.punctual.embedded.EmbeddedKafka;
import dev.punctual.model.event.JobFired;
import dev.punctual.model.event.Trigger;
import dev.punctual.model.job.HttpTarget;
import dev.punctual.model.job.JobDefinition;
import dev.punctual.model.json.JobDefinitionCodec;
import dev.punctual.model.schedule.MisfirePolicy;
import dev.punctual.model.schedule.Schedule;
import dev.punctual.model.schedule.ScheduleOptions;
import dev.punctual.model.topic.Topics;
import dev.punctual.scheduler.failover.FiresReader.Seen;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance test of failover: three scheduler instances (separate JVMs, the module's runnable jar)
 * share jobs firing every second on a real broker; one is killed with SIGKILL (it commits nothing
 * and does not leave its group), later a fresh one joins. Over the whole run, a {@code
 * read_committed} consumer must see every occurrence of every job exactly once: no duplicate, no
 * gap. The longest pause in firing after the kill is printed with the settings that bound it.
 *
 * <p>The jobs' phases are spread evenly over the second ({@code startAt} = base + i/n s): that is
 * how real jobs look, it keeps the load even rather than one burst per second, and it makes a pause
 * in firing visible to the millisecond.
 */
class SchedulerFailoverIT {

  private static final Topics TOPICS = Topics.DEFAULT;
  private static final int PARTITIONS = 6;
  private static final int JOBS = Integer.getInteger("punctual.failover.jobs", 2_000);
  private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(6);
  private static final Duration TRANSACTION_TIMEOUT = Duration.ofSeconds(6);
  private static final Duration LEAD = Duration.ofSeconds(15);
  private static final Duration STEADY = Duration.ofSeconds(12);
  private static final Duration AFTER_KILL = Duration.ofSeconds(25);
  private static final Duration AFTER_JOIN = Duration.ofSeconds(20);
  private static final Duration TAIL = Duration.ofSeconds(5);
  private static final Path LOGS = Path.of("target", "failover-it");

  @TempDir Path stateDirs;
  private EmbeddedKafka kafka;
  private final List<SchedulerProcess> instances = new ArrayList<>();

  @BeforeEach
  void startBroker() {
    kafka = EmbeddedKafka.startForTests();
    kafka.createTopics(TOPICS.newTopics(PARTITIONS, (short) 1));
  }

  @AfterEach
  void stopEverything() throws InterruptedException {
    for (var instance : instances) {
      instance.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void firesEveryOccurrenceExactlyOnceWhenAnInstanceIsKilledAndAnotherJoins() throws Exception {
    var jar = executableJar();
    for (var name : List.of("a", "b", "c")) {
      instances.add(start(jar, name));
    }
    awaitGroup(3);

    try (var reader = new FiresReader(kafka.bootstrapServers(), TOPICS)) {
      var startAts = defineJobs();
      var base = Collections.min(startAts.values());

      // steady state
      awaitFiresUpTo(reader, base.plus(STEADY), Duration.ofSeconds(60));
      var victim = instances.get(1);
      var killedAt = Instant.now();
      victim.kill();
      System.out.printf("Killed instance %s at %s%n", victim.name(), killedAt);

      awaitFiresUpTo(reader, killedAt.plus(AFTER_KILL), Duration.ofSeconds(60));
      var joinedAt = Instant.now();
      instances.add(start(jar, "d"));
      System.out.printf("Started instance d at %s%n", joinedAt);

      var horizon = joinedAt.plus(AFTER_JOIN);
      awaitFiresUpTo(reader, horizon.plus(TAIL), Duration.ofSeconds(60));
      var seen = reader.seen();

      report(seen, base, killedAt, joinedAt);
      assertExactlyOnce(seen, startAts, horizon);
      // A loose bound, far above what is measured, that still catches a failover waiting out a
      // default 45 s session timeout.
      assertThat(lateness(seen, killedAt.minusSeconds(1), Instant.MAX)[0])
          .as("longest emission lateness after the kill, ms")
          .isLessThan(30_000);
    }
  }

  private SchedulerProcess start(Path jar, String name) throws IOException {
    var stateDir = Files.createDirectories(stateDirs.resolve(name));
    return SchedulerProcess.start(
        name,
        jar,
        LOGS,
        List.of(
            "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
            "--server.port=0",
            "--spring.main.banner-mode=off",
            "--logging.level.org.apache.kafka=WARN",
            "--logging.level.org.apache.kafka.streams.KafkaStreams=INFO",
            "--punctual.scheduler.state-dir=" + stateDir,
            "--punctual.scheduler.instance-id=" + name,
            "--punctual.scheduler.num-standby-replicas=1",
            "--punctual.scheduler.session-timeout=" + SESSION_TIMEOUT.toMillis() + "ms",
            "--punctual.scheduler.transaction-timeout=" + TRANSACTION_TIMEOUT.toMillis() + "ms"));
  }

  /** Waits until the scheduler's consumer group is stable with {@code members} members. */
  private void awaitGroup(int members) {
    try (var admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      await("a stable group of " + members + " scheduler instances")
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(500))
          .ignoreExceptionsInstanceOf(ExecutionException.class) // no group yet
          .until(
              () -> {
                assertInstancesAlive();
                var group =
                    admin
                        .describeConsumerGroups(List.of("punctual-scheduler"))
                        .describedGroups()
                        .get("punctual-scheduler")
                        .get();
                return group.groupState() == GroupState.STABLE && group.members().size() == members;
              });
    }
  }

  /** Produces the jobs straight onto the jobs topic; returns each job's first occurrence. */
  /**
   * Defines the jobs, the first due {@link #LEAD} after the producer is connected. The lead is
   * generous: on a 2-core CI machine the three instances, just started, compete with the producer
   * for the CPU, and a CI run once took more than 7 s to send the 2,000 definitions.
   */
  private Map<String, Instant> defineJobs() throws Exception {
    var startAts = new HashMap<String, Instant>();
    try (var producer =
        new KafkaProducer<>(
            Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG,
                5),
            new StringSerializer(),
            new ByteArraySerializer())) {
      // connected and told where the partitions are before the clock starts
      producer.partitionsFor(TOPICS.jobs().name());
      var sending = Instant.now();
      var base = sending.plus(LEAD).truncatedTo(ChronoUnit.SECONDS);
      for (int i = 0; i < JOBS; i++) {
        var id = "job-%04d".formatted(i);
        var startAt = base.plusMillis(i * 1_000L / JOBS);
        var schedule =
            new Schedule.Interval(
                Duration.ofSeconds(1),
                // FIRE_ALL: a failover pause longer than the interval is a misfire (the next
                // occurrence is due too); every occurrence must still fire exactly once
                ScheduleOptions.builder()
                    .startAt(startAt)
                    .misfirePolicy(MisfirePolicy.FIRE_ALL)
                    .build());
        var job =
            new JobDefinition(
                id,
                null,
                schedule,
                HttpTarget.post("https://example.com/" + id),
                null,
                null,
                false,
                null,
                null,
                null);
        producer.send(
            new ProducerRecord<>(TOPICS.jobs().name(), id, JobDefinitionCodec.toBytes(job)));
        startAts.put(id, startAt);
      }
      producer.flush();
      System.out.printf(
          "Defined %,d jobs in %,d ms%n",
          JOBS, Duration.between(sending, Instant.now()).toMillis());
      assertThat(Instant.now()).as("all jobs defined before the first is due").isBefore(base);
    }
    return startAts;
  }

  /**
   * Waits until every job has a visible fire scheduled at or after {@code until}. Gives up quietly
   * after {@code atMost}: the final assertions then say what is missing.
   */
  private void awaitFiresUpTo(FiresReader reader, Instant until, Duration atMost) {
    try {
      await("every job fired up to " + until)
          .atMost(atMost)
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () -> {
                assertInstancesAlive();
                var latest = new HashMap<String, Instant>();
                for (var seen : reader.seen()) {
                  latest.merge(seen.fire().jobId(), seen.fire().scheduledAt(), this::later);
                }
                return latest.size() == JOBS
                    && latest.values().stream().noneMatch(at -> at.isBefore(until));
              });
    } catch (ConditionTimeoutException e) {
      System.out.printf("Not every job fired up to %s within %s; going on%n", until, atMost);
    }
  }

  private void assertInstancesAlive() {
    for (var instance : instances) {
      if (!instance.isAlive() && !instance.name().equals("b")) {
        throw new AssertionError(
            "scheduler " + instance.name() + " exited; see " + instance.log().toAbsolutePath());
      }
    }
  }

  private void assertExactlyOnce(List<Seen> seen, Map<String, Instant> startAts, Instant horizon) {
    var byFireId = seen.stream().collect(Collectors.groupingBy(s -> s.fire().fireId()));
    var duplicates =
        byFireId.entrySet().stream()
            .filter(e -> e.getValue().size() > 1)
            .map(Map.Entry::getKey)
            .sorted()
            .toList();
    assertThat(duplicates.size())
        .as("fire ids seen more than once, e.g. %s", duplicates.stream().limit(10).toList())
        .isZero();
    assertThat(seen)
        .allSatisfy(
            s -> {
              var fire = s.fire();
              assertThat(fire.trigger()).isEqualTo(Trigger.SCHEDULE);
              assertThat(fire.missed()).as("missed of %s", fire.fireId()).isBetween(0, 1);
              assertThat(fire.firedAt()).isAfterOrEqualTo(fire.scheduledAt());
            });
    var byJob =
        seen.stream()
            .map(Seen::fire)
            .collect(
                Collectors.groupingBy(
                    JobFired::jobId,
                    Collectors.mapping(
                        JobFired::scheduledAt, Collectors.toCollection(TreeSet::new))));
    var gaps = new ArrayList<String>();
    long expected = 0;
    for (var entry : startAts.entrySet()) {
      var occurrences = byJob.getOrDefault(entry.getKey(), new TreeSet<>());
      for (var at = entry.getValue(); !at.isAfter(horizon); at = at.plusSeconds(1)) {
        expected++;
        if (!occurrences.contains(at)) {
          gaps.add(entry.getKey() + "@" + at);
        }
      }
    }
    System.out.printf(
        "Checked %d expected occurrences of %d jobs up to %s: %d missing%n",
        expected, startAts.size(), horizon, gaps.size());
    assertThat(gaps.size())
        .as(
            "occurrences never fired: %d of %d jobs, e.g. %s",
            gaps.stream().map(gap -> gap.substring(0, gap.indexOf('@'))).distinct().count(),
            startAts.size(),
            gaps.stream().limit(10).toList())
        .isZero();
  }

  /**
   * Prints the longest pause in firing per partition after the kill and after the join (gaps
   * between consecutive fires of a partition in emission order), and the latest fire relative to
   * its occurrence: emitted ({@code firedAt}) and visible to the reader (after the commit).
   */
  private void report(List<Seen> seen, Instant base, Instant killedAt, Instant joinedAt) {
    System.out.printf(
        "Settings: session-timeout %s (heartbeat %s), transaction-timeout %s, commit-interval"
            + " 100 ms, punctuation 20 ms, standbys 1, %d jobs every second, %d partitions%n",
        SESSION_TIMEOUT, SESSION_TIMEOUT.dividedBy(3), TRANSACTION_TIMEOUT, JOBS, PARTITIONS);
    printPauses("after the kill", seen, killedAt, joinedAt);
    printPauses("after the join", seen, joinedAt, Instant.MAX);
    var steady =
        seen.stream()
            .filter(s -> !s.fire().scheduledAt().isBefore(base.plusSeconds(5)))
            .filter(s -> s.fire().scheduledAt().isBefore(killedAt.minusSeconds(1)))
            .toList();
    var emitted =
        steady.stream()
            .mapToLong(s -> Duration.between(s.fire().scheduledAt(), s.fire().firedAt()).toMillis())
            .sorted()
            .toArray();
    var visible =
        steady.stream()
            .mapToLong(s -> s.receivedAt() - s.fire().scheduledAt().toEpochMilli())
            .sorted()
            .toArray();
    System.out.printf(
        "Steady state before the kill (%d fires): emission lateness p50 %d ms, p99 %d ms, max %d"
            + " ms; visible lateness p50 %d ms, p99 %d ms, max %d ms%n",
        steady.size(),
        percentile(emitted, 0.50),
        percentile(emitted, 0.99),
        percentile(emitted, 1.0),
        percentile(visible, 0.50),
        percentile(visible, 0.99),
        percentile(visible, 1.0));
  }

  private static long percentile(long[] sorted, double quantile) {
    if (sorted.length == 0) {
      return -1;
    }
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)];
  }

  private void printPauses(String label, List<Seen> seen, Instant from, Instant to) {
    var byPartition =
        seen.stream()
            .filter(s -> !s.fire().firedAt().isBefore(from.minusSeconds(1)))
            .filter(s -> s.fire().firedAt().isBefore(to))
            .collect(Collectors.groupingBy(Seen::partition));
    long longest = 0;
    int worstPartition = -1;
    for (var entry : byPartition.entrySet()) {
      var times =
          entry.getValue().stream()
              .map(s -> s.fire().firedAt())
              .sorted(Comparator.naturalOrder())
              .toList();
      for (int i = 1; i < times.size(); i++) {
        long pause = Duration.between(times.get(i - 1), times.get(i)).toMillis();
        if (pause > longest) {
          longest = pause;
          worstPartition = entry.getKey();
        }
      }
    }
    var lateness = lateness(seen, from, to);
    System.out.printf(
        "Longest pause in firing %s: %d ms (partition %d); max emission lateness (firedAt -"
            + " scheduledAt) %d ms; max visible lateness (read - scheduledAt) %d ms%n",
        label, longest, worstPartition, lateness[0], lateness[1]);
  }

  private static long[] lateness(List<Seen> seen, Instant from, Instant to) {
    long emitted = 0;
    long visible = 0;
    for (var s : seen) {
      var at = s.fire().scheduledAt();
      if (at.isBefore(from) || !at.isBefore(to)) {
        continue;
      }
      emitted = Math.max(emitted, Duration.between(at, s.fire().firedAt()).toMillis());
      visible = Math.max(visible, s.receivedAt() - at.toEpochMilli());
    }
    return new long[] {emitted, visible};
  }

  private Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Path executableJar() throws IOException {
    try (var jars = Files.newDirectoryStream(Path.of("target"), "scheduler-streams-*-exec.jar")) {
      for (var jar : jars) {
        return jar;
      }
    }
    throw new IllegalStateException(
        "no runnable jar in target/: run the integration tests with `mvn verify`, which packages"
            + " it first");
  }
}
