package dev.punctual.scheduler.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.punctual.model.event.ExecutionFinished;
import dev.punctual.model.event.FireIds;
import dev.punctual.model.event.JobCommand;
import dev.punctual.model.event.JobFired;
import dev.punctual.model.event.MissedOccurrences;
import dev.punctual.model.event.Trigger;
import dev.punctual.model.job.JobDefinition;
import dev.punctual.model.job.RunProgress;
import dev.punctual.model.json.JobDefinitionCodec;
import dev.punctual.model.json.Json;
import dev.punctual.model.topic.Topics;
import dev.punctual.scheduler.timer.JobState;
import dev.punctual.scheduler.timer.TimerKey;
import dev.punctual.scheduler.timer.TimerStores;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.jspecify.annotations.Nullable;

/**
 * The scheduler's topology in a {@link TopologyTestDriver}, with wall-clock time under the test's
 * control. Every fire ever emitted is kept, so that {@link #assertInvariants()} can check them all.
 */
final class SchedulerDriver implements AutoCloseable {

  static final Topics TOPICS = Topics.DEFAULT;

  private final TopologySettings settings;
  private final Path stateDir;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final List<TestRecord<String, MissedOccurrences>> allMissed = new ArrayList<>();
  private final List<TestRecord<String, JobFired>> allFires = new ArrayList<>();
  private TopologyTestDriver driver;
  private TestInputTopic<String, byte[]> jobs;
  private TestInputTopic<byte[], byte[]> rawJobs;
  private TestInputTopic<String, byte[]> commands;
  private TestInputTopic<String, byte[]> results;
  private TestOutputTopic<String, JobFired> fires;
  private TestOutputTopic<byte[], byte[]> deadLetters;
  private TestOutputTopic<String, MissedOccurrences> missed;
  private int firesSeen;
  private int missedSeen;
  private Instant now;

  SchedulerDriver(Instant start, TopologySettings settings, Path stateDir) {
    this.settings = settings;
    this.stateDir = stateDir;
    this.now = start;
    open();
  }

  private void open() {
    var config = new Properties();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, "scheduler-test");
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    driver =
        new TopologyTestDriver(
            SchedulerTopology.build(
                // The driver's clock stands still while a punctuation runs: rounds take no time.
                TOPICS, settings, registry, new PunctuationPacer(() -> 0L)),
            config,
            now);
    var strings = new StringSerializer();
    var bytes = new ByteArraySerializer();
    jobs = driver.createInputTopic(TOPICS.jobs().name(), strings, bytes);
    rawJobs = driver.createInputTopic(TOPICS.jobs().name(), bytes, bytes);
    commands = driver.createInputTopic(TOPICS.commands().name(), strings, bytes);
    results = driver.createInputTopic(TOPICS.results().name(), strings, bytes);
    fires =
        driver.createOutputTopic(
            TOPICS.fires().name(),
            new StringDeserializer(),
            TOPICS.fires().valueSerde().deserializer());
    missed =
        driver.createOutputTopic(
            TOPICS.missed().name(),
            new StringDeserializer(),
            TOPICS.missed().valueSerde().deserializer());
    deadLetters =
        driver.createOutputTopic(
            TOPICS.deadLetter().name(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /**
   * Stops this scheduler and starts a new one, down for {@code downtime}, on the same state: the
   * changelogged stores (job states, traces) are copied over as a new instance restores them from
   * their changelogs ({@code TopologyTestDriver} wipes its state directory on close), and the time
   * index, which has no changelog, is built from the job states as a starting task does (here after
   * the processors started, since the copy can only follow them). What was emitted before stays in
   * {@link #fires()}, so the invariants span the restart.
   */
  void restart(Duration downtime) {
    fires();
    missedRecords();
    List<KeyValue<String, JobState>> jobStates = entries(TimerStores.JOB_STATE);
    var traces = entries(JobTraces.STORE);
    driver.close();
    now = now.plus(downtime);
    open();
    copy(jobStates, TimerStores.JOB_STATE);
    copy(traces, JobTraces.STORE);
    var index = driver.<Bytes, byte[]>getKeyValueStore(TimerStores.TIMER_INDEX);
    jobStates.forEach(
        job -> job.value.timers().forEach(timer -> index.put(timer.toBytes(), new byte[0])));
  }

  private <K, V> List<KeyValue<K, V>> entries(String store) {
    var entries = new ArrayList<KeyValue<K, V>>();
    try (var all = driver.<K, V>getKeyValueStore(store).all()) {
      all.forEachRemaining(entries::add);
    }
    return entries;
  }

  private <K, V> void copy(List<KeyValue<K, V>> entries, String store) {
    var target = driver.<K, V>getKeyValueStore(store);
    entries.forEach(entry -> target.put(entry.key, entry.value));
  }

  SchedulerDriver(Instant start, Path stateDir) {
    this(start, TopologySettings.DEFAULTS, stateDir);
  }

  /**
   * Stops the scheduler and starts it again at the same wall-clock time, its stores restored as
   * from their changelogs (see {@link #restart(Duration)}).
   */
  void restart() {
    restart(Duration.ZERO);
  }

  /** The driver's wall-clock time. */
  Instant now() {
    return now;
  }

  // input

  void define(JobDefinition job) {
    jobs.pipeInput(job.id(), JobDefinitionCodec.toBytes(job), now());
  }

  /** Defines {@code job} with a record written at {@code writtenAt} (its timestamp). */
  void defineWrittenAt(JobDefinition job, Instant writtenAt) {
    jobs.pipeInput(job.id(), JobDefinitionCodec.toBytes(job), writtenAt);
  }

  /** Defines {@code job} with a record carrying {@code progress}, as a re-sync republishes it. */
  void defineWithProgress(JobDefinition job, RunProgress progress) {
    jobs.pipeInput(job.id(), JobDefinitionCodec.toBytes(job, progress), now());
  }

  void defineRaw(String key, String json) {
    jobs.pipeInput(key, json.getBytes(StandardCharsets.UTF_8), now());
  }

  void pipeRawJob(byte @Nullable [] key, byte @Nullable [] value) {
    rawJobs.pipeInput(key, value, now());
  }

  void pipeRawJob(byte[] key, byte[] value, Headers headers) {
    rawJobs.pipeInput(new TestRecord<>(key, value, headers, now()));
  }

  /** Pipes any record onto {@code topic}, as any producer could write it. */
  void pipeRaw(String topic, byte @Nullable [] key, byte @Nullable [] value, Headers headers) {
    var bytes = new ByteArraySerializer();
    driver
        .createInputTopic(topic, bytes, bytes)
        .pipeInput(new TestRecord<>(key, value, headers, now()));
  }

  void delete(String jobId) {
    jobs.pipeInput(jobId, null, now());
  }

  void trigger(String jobId, String requestId) {
    commands.pipeInput(jobId, Json.toBytes(new JobCommand.TriggerNow(requestId)), now());
  }

  void backfill(String jobId, String requestId, Instant from, Instant to) {
    commands.pipeInput(jobId, Json.toBytes(new JobCommand.Backfill(requestId, from, to)), now());
  }

  void commandRaw(String jobId, String json) {
    commands.pipeInput(jobId, json.getBytes(StandardCharsets.UTF_8), now());
  }

  void resultRaw(String jobId, String json) {
    results.pipeInput(jobId, json.getBytes(StandardCharsets.UTF_8), now());
  }

  void result(ExecutionFinished result) {
    results.pipeInput(result.jobId(), Json.toBytes(result), now());
  }

  // time

  /** Advances wall-clock time by {@code duration}, one punctuation interval at a time. */
  void advance(Duration duration) {
    advance(duration, settings.punctuationInterval());
  }

  /** Advances wall-clock time by {@code duration} in steps of {@code step}. */
  void advance(Duration duration, Duration step) {
    var remaining = duration;
    while (remaining.isPositive()) {
      var next = remaining.compareTo(step) < 0 ? remaining : step;
      advanceOnce(next);
      remaining = remaining.minus(next);
    }
  }

  /** Advances wall-clock time to {@code instant}, one punctuation interval at a time. */
  void advanceTo(Instant instant) {
    advance(Duration.between(now(), instant));
  }

  private void advanceOnce(Duration step) {
    now = now.plus(step);
    driver.advanceWallClockTime(step);
  }

  // output

  /** Every fire emitted since the driver started. */
  List<JobFired> fires() {
    allFires.addAll(fires.readRecordsToList());
    return allFires.stream().map(TestRecord::value).toList();
  }

  /** The fires emitted since the last call. */
  List<JobFired> newFires() {
    var all = fires();
    var fresh = all.subList(firesSeen, all.size());
    firesSeen = all.size();
    return List.copyOf(fresh);
  }

  /** Every fire record emitted since the driver started, with key and timestamp. */
  List<TestRecord<String, JobFired>> fireRecords() {
    fires();
    return List.copyOf(allFires);
  }

  /** Every record written to the missed topic since the driver started, with key and timestamp. */
  List<TestRecord<String, MissedOccurrences>> missedRecords() {
    allMissed.addAll(missed.readRecordsToList());
    return List.copyOf(allMissed);
  }

  /** The values written to the missed topic since the last call of this method. */
  List<MissedOccurrences> newMissed() {
    var all = missed();
    var fresh = all.subList(missedSeen, all.size());
    missedSeen = all.size();
    return List.copyOf(fresh);
  }

  /** Every value written to the missed topic since the driver started. */
  List<MissedOccurrences> missed() {
    return missedRecords().stream().map(TestRecord::value).toList();
  }

  List<TestRecord<byte[], byte[]>> deadLetters() {
    return deadLetters.readRecordsToList();
  }

  @Nullable JobState state(String jobId) {
    return driver.<String, JobState>getKeyValueStore(TimerStores.JOB_STATE).get(jobId);
  }

  List<TimerKey> timers() {
    var keys = new ArrayList<TimerKey>();
    try (var all = driver.<Bytes, byte[]>getKeyValueStore(TimerStores.TIMER_INDEX).all()) {
      all.forEachRemaining(entry -> keys.add(TimerKey.fromBytes(entry.key)));
    }
    return keys;
  }

  SimpleMeterRegistry registry() {
    return registry;
  }

  /**
   * The product's promises over every fire so far: never early (neither before its nominal time nor
   * before this attempt was due, less the lead time if there is one), never twice (one fire per
   * job, nominal time and trigger, one record per attempt), and fire ids derived from the job and
   * the nominal time; every missed record keyed by its job and never about occurrences after it was
   * written.
   */
  void assertInvariants() {
    var attempts = new HashSet<String>();
    var occurrences = new HashSet<String>();
    for (var record : fireRecords()) {
      var fire = record.value();
      assertThat(fire.dueAt())
          .as("dueAt of %s", fire.fireId())
          .isAfterOrEqualTo(fire.scheduledAt());
      assertThat(fire.firedAt())
          .as("firedAt of %s (lead time %s)", fire.fireId(), settings.leadTime())
          .isAfterOrEqualTo(fire.dueAt().minus(settings.leadTime()));
      // a backfill fire shares its occurrence's fire id with the scheduled fire, by design
      var origin = fire.trigger() == Trigger.BACKFILL ? "backfill:" : "";
      assertThat(attempts.add(origin + fire.fireId() + "#" + fire.attempt()))
          .as("%s attempt %d fired once", fire.fireId(), fire.attempt())
          .isTrue();
      if (fire.trigger() == Trigger.SCHEDULE || fire.trigger() == Trigger.BACKFILL) {
        assertThat(fire.fireId()).isEqualTo(FireIds.scheduled(fire.jobId(), fire.scheduledAt()));
        assertThat(fire.attempt()).isEqualTo(1);
        assertThat(occurrences.add(fire.trigger() + ":" + fire.fireId()))
            .as("occurrence %s fired once by %s", fire.fireId(), fire.trigger())
            .isTrue();
      }
      if (fire.trigger() == Trigger.RETRY) {
        assertThat(fire.attempt()).isGreaterThan(1);
      }
      assertThat(record.key()).isEqualTo(fire.jobId());
      assertThat(record.getRecordTime()).isEqualTo(fire.firedAt());
    }
    for (var record : missedRecords()) {
      var missedOccurrences = record.value();
      assertThat(record.key()).isEqualTo(missedOccurrences.jobId());
      assertThat(missedOccurrences.to()).isBeforeOrEqualTo(missedOccurrences.detectedAt());
      assertThat(record.getRecordTime()).isEqualTo(missedOccurrences.detectedAt());
    }
  }

  @Override
  public void close() {
    driver.close();
  }
}
