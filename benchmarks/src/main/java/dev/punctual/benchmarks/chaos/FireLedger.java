package dev.punctual.benchmarks.chaos;

import dev.punctual.benchmarks.measure.Latency;
import dev.punctual.model.event.ExecutionFinished;
import dev.punctual.model.event.ExecutionStatus;
import dev.punctual.model.event.JobFired;
import dev.punctual.model.event.Trigger;
import dev.punctual.model.job.HttpTarget;
import dev.punctual.model.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every fire and result of the run's jobs, read from the start of {@code scheduler.fires} and
 * {@code scheduler.results} by a {@code read_committed} consumer (what any downstream reader sees:
 * records of aborted transactions never count) for as long as the run lasts. A fire is one record
 * per attempt, so two committed records with the same fire id and attempt are a duplicate, whatever
 * the trigger (a retry keeps the fire id and raises the attempt). A fire's result is final when it
 * succeeded, or failed with no retry left.
 */
public final class FireLedger implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(FireLedger.class);

  /** One fire id: which attempts were seen, and whether a final result was. */
  static final class Fire {
    final String jobId;
    final long scheduledAt;
    boolean http;
    int attempts;

    /** Where its first fire record was read: {@code <partition>@<offset>}. */
    String record = "";

    boolean resulted;
    boolean finished;

    /** Its results as read, e.g. {@code 1:FAILED/retryable 2:SUCCEEDED} (the first few only). */
    final StringBuilder results = new StringBuilder();

    Fire(String jobId, long scheduledAt) {
      this.jobId = jobId;
      this.scheduledAt = scheduledAt;
    }
  }

  private static final int MAX_EXAMPLES = 10;

  private final String jobPrefix;
  private final int maxAttempts;
  private final Map<String, Fire> fires = new HashMap<>();
  private final List<String> duplicateExamples = new ArrayList<>();
  private final List<String> readFailures = new ArrayList<>();
  private final Latency lateness = new Latency();
  private final LateFires lateFires = new LateFires();
  private final Map<String, Integer> partitionOfJob = new HashMap<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;
  private long duplicates;
  private long fireRecords;
  private long resultRecords;
  private volatile long caughtUpAt;
  private long latenessFrom = Long.MAX_VALUE;

  /**
   * Starts reading.
   *
   * @param jobPrefix only jobs whose id starts with it count
   * @param maxAttempts the retry policy's attempts of every job of the run
   */
  public FireLedger(String bootstrapServers, String jobPrefix, int maxAttempts) {
    this.jobPrefix = jobPrefix;
    this.maxAttempts = maxAttempts;
    var topics = List.of(Topics.DEFAULT.fires().name(), Topics.DEFAULT.results().name());
    var consumer = CommittedReader.fromStart(bootstrapServers, topics);
    var partitions = List.copyOf(consumer.assignment());
    this.thread = Thread.ofPlatform().name("chaos-ledger").start(() -> poll(consumer, partitions));
  }

  /**
   * Polls until closed. About every second it notes the end offsets (last stable offsets, for a
   * {@code read_committed} reader) and when they were taken; once its position reaches them, it has
   * read everything committed before that moment. The jobs keep firing, so the end itself moves on.
   */
  private void poll(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions) {
    try (consumer) {
      Map<TopicPartition, Long> ends = null;
      long endsAt = 0;
      while (running.get()) {
        if (!pollOnce(consumer)) {
          continue;
        }
        long now = System.currentTimeMillis();
        if (ends == null && now - endsAt >= 1_000) {
          endsAt = now;
          ends = endOffsets(consumer, partitions);
        }
        if (ends != null && reached(consumer, ends)) {
          caughtUpAt = endsAt;
          ends = null;
        }
      }
    }
  }

  /**
   * Polls and applies one batch. A position out of range (the broker lost or truncated committed
   * records: a finding of the run, never skipped in silence) is recorded and the reader moves to
   * the broker's new end of those partitions; any other failure is recorded and polling goes on.
   *
   * @return whether the poll succeeded
   */
  private boolean pollOnce(KafkaConsumer<String, byte[]> consumer) {
    try {
      apply(consumer.poll(Duration.ofMillis(200)));
      return true;
    } catch (OffsetOutOfRangeException e) {
      readFailure("positions out of range " + e.offsetOutOfRangePartitions());
      consumer.seekToEnd(e.partitions());
    } catch (KafkaException e) {
      readFailure(e.toString());
      Pause.pause(Duration.ofSeconds(1));
    }
    return false;
  }

  private synchronized void readFailure(String failure) {
    log.warn("The ledger could not read: {}", failure);
    if (readFailures.size() < MAX_EXAMPLES) {
      readFailures.add(failure);
    }
  }

  /** What the ledger could not read (at most 10): each may hide fires or results. */
  public synchronized List<String> readFailures() {
    return List.copyOf(readFailures);
  }

  private static Map<TopicPartition, Long> endOffsets(
      KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions) {
    try {
      return consumer.endOffsets(partitions, Duration.ofSeconds(5));
    } catch (RuntimeException e) {
      return null; // the broker is restarting: try again in a second
    }
  }

  private static boolean reached(
      KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> ends) {
    try {
      for (var end : ends.entrySet()) {
        if (consumer.position(end.getKey(), Duration.ofSeconds(5)) < end.getValue()) {
          return false;
        }
      }
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private synchronized void apply(ConsumerRecords<String, byte[]> records) {
    var firesTopic = Topics.DEFAULT.fires();
    var resultsTopic = Topics.DEFAULT.results();
    for (var record : records) {
      if (record.key() == null || !record.key().startsWith(jobPrefix) || record.value() == null) {
        continue;
      }
      if (record.topic().equals(firesTopic.name())) {
        partitionOfJob.putIfAbsent(record.key(), record.partition());
        fired(
            firesTopic.valueSerde().deserializer().deserialize(record.topic(), record.value()),
            record.partition(),
            record.offset());
      } else {
        finished(
            resultsTopic.valueSerde().deserializer().deserialize(record.topic(), record.value()));
      }
    }
  }

  private void fired(JobFired fired, int partition, long offset) {
    fireRecords++;
    var fire = fire(fired.fireId(), fired.jobId(), fired.scheduledAt().toEpochMilli());
    fire.http = fired.target() instanceof HttpTarget;
    if (fire.record.isEmpty()) {
      fire.record = partition + "@" + offset;
    }
    int bit = 1 << Math.min(fired.attempt(), 31);
    if ((fire.attempts & bit) != 0) {
      duplicates++;
      if (duplicateExamples.size() < MAX_EXAMPLES) {
        duplicateExamples.add(
            fired.fireId() + " attempt " + fired.attempt() + " (" + fired.trigger() + ")");
      }
    }
    fire.attempts |= bit;
    if (fired.trigger() == Trigger.SCHEDULE && fired.scheduledAt().toEpochMilli() >= latenessFrom) {
      long late = fired.firedAt().toEpochMilli() - fired.dueAt().toEpochMilli();
      lateness.record(late);
      lateFires.record(partition, fired.firedAt().toEpochMilli(), late);
    }
  }

  private void finished(ExecutionFinished result) {
    resultRecords++;
    var fire = fire(result.fireId(), result.jobId(), result.scheduledAt().toEpochMilli());
    fire.resulted = true;
    if (fire.results.length() < 120) {
      fire.results
          .append(fire.results.isEmpty() ? "" : " ")
          .append(result.attempt())
          .append(':')
          .append(result.status())
          .append(result.retryable() ? "/retryable" : "");
    }
    if (result.status() == ExecutionStatus.SUCCEEDED
        || !result.retryable()
        || result.attempt() >= maxAttempts) {
      fire.finished = true;
    }
  }

  private Fire fire(String fireId, String jobId, long scheduledAt) {
    return fires.computeIfAbsent(fireId, id -> new Fire(jobId, scheduledAt));
  }

  /**
   * Waits until the ledger has read everything committed before this call.
   *
   * @return whether it did within the timeout
   */
  public boolean awaitCaughtUp(Duration timeout) {
    long asked = System.currentTimeMillis();
    long deadline = asked + timeout.toMillis();
    while (System.currentTimeMillis() < deadline) {
      if (caughtUpAt > asked) {
        return true;
      }
      Pause.briefly();
    }
    return false;
  }

  /** Whether a fire with this id (any attempt) was committed. */
  public synchronized boolean fired(String fireId) {
    var fire = fires.get(fireId);
    return fire != null && fire.attempts != 0;
  }

  /**
   * Fire ids of occurrences before {@code end} committed without a final result (yet) among jobs
   * whose id starts with {@code strictPrefix}, and without any result among the others: a job
   * paused or deleted after a failed attempt rightly gets no retry, but every committed fire must
   * be executed. Later fires are left out: the jobs keep firing while the run settles.
   */
  public synchronized List<String> withoutFinalResult(String strictPrefix, Instant end) {
    long before = end.toEpochMilli();
    return fires.entrySet().stream()
        .filter(e -> e.getValue().attempts != 0 && e.getValue().scheduledAt < before)
        .filter(
            e ->
                e.getValue().jobId.startsWith(strictPrefix)
                    ? !e.getValue().finished
                    : !e.getValue().resulted)
        .map(Map.Entry::getKey)
        .sorted()
        .toList();
  }

  /**
   * What the ledger read of these fires: the attempts fired (as a bit set: bit n is attempt n),
   * where the first fire record is ({@code <partition>@<offset>} of the fires topic), its target
   * type and their results, e.g. {@code job@1 fired attempts 0b10 at 3@1200 (http), results
   * 1:FAILED/retryable}.
   */
  public synchronized List<String> describe(List<String> fireIds) {
    return fireIds.stream()
        .map(
            id -> {
              var fire = fires.get(id);
              return fire == null
                  ? id + " never read"
                  : id
                      + " fired attempts 0b"
                      + Integer.toBinaryString(fire.attempts)
                      + " at "
                      + fire.record
                      + (fire.http ? " (http)" : " (kafka)")
                      + ", results "
                      + (fire.results.isEmpty() ? "none" : fire.results);
            })
        .toList();
  }

  /** Fire ids of HTTP jobs that finished but whose target never saw their idempotency key. */
  public synchronized List<String> httpFiresNotCalled(TargetServer target) {
    return fires.entrySet().stream()
        .filter(e -> e.getValue().http && e.getValue().finished && !target.called(e.getKey()))
        .map(Map.Entry::getKey)
        .sorted()
        .toList();
  }

  public synchronized long duplicates() {
    return duplicates;
  }

  public synchronized List<String> duplicateExamples() {
    return List.copyOf(duplicateExamples);
  }

  public synchronized long fireRecords() {
    return fireRecords;
  }

  public synchronized long resultRecords() {
    return resultRecords;
  }

  /**
   * Lateness counts only occurrences from {@code from} on: the stable jobs' first ones fall due
   * while the jobs are still being created and consumed, and would measure the start, not the
   * chaos. Records already read are not counted again.
   */
  public synchronized void measureLatenessFrom(Instant from) {
    latenessFrom = from.toEpochMilli();
  }

  /** Scheduled fires more than 2 s late, per fires partition and 10 s of emission. */
  public synchronized List<String> lateTimeline() {
    return lateFires.timeline();
  }

  /**
   * How many of these fire ids ({@code <jobId>@<occurrence>}) fall on each fires partition, as
   * learnt from their jobs' other fires ({@code -1}: a job that never fired).
   */
  public synchronized Map<Integer, Long> byPartition(List<String> fireIds) {
    var counts = new java.util.TreeMap<Integer, Long>();
    for (var fireId : fireIds) {
      var jobId = ChaosJobs.jobIdOf(fireId);
      counts.merge(partitionOfJob.getOrDefault(jobId, -1), 1L, Long::sum);
    }
    return counts;
  }

  /** Emission lateness ({@code firedAt − dueAt}) of scheduled fires. */
  public synchronized Map<String, Object> lateness() {
    return lateness.figures("fire lateness");
  }

  @Override
  public void close() {
    running.set(false);
    try {
      thread.join(Duration.ofSeconds(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
