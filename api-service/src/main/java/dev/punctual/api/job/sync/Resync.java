package dev.punctual.api.job.sync;

import dev.punctual.api.job.JobProgress;
import dev.punctual.api.job.JobRepository;
import dev.punctual.api.job.JobRow;
import dev.punctual.api.outbox.Outbox;
import dev.punctual.model.job.JobDefinition;
import dev.punctual.model.json.JobDefinitionCodec;
import dev.punctual.model.log.LogContext;
import dev.punctual.model.topic.ReservedTopics;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds one store of the jobs from the other: the jobs topic from PostgreSQL ({@link
 * #republishAll()}), or PostgreSQL from the compacted jobs topic ({@link #rebuildDatabase()}). Both
 * work in transactions of {@link #CHUNK} jobs, so they run while the API serves requests.
 */
class Resync {

  private static final Logger log = LoggerFactory.getLogger(Resync.class);
  static final int CHUNK = 500;
  static final Duration READ_DEADLINE = Duration.ofMinutes(5);

  /** What {@code resync/topic} did: how many definitions were queued for the jobs topic. */
  @Schema(example = "{\"republished\": 1250}")
  record Republished(long republished) {}

  /**
   * What {@code resync/database} did.
   *
   * @param records keys read from the topic (their last records)
   * @param created jobs added to PostgreSQL
   * @param updated jobs whose definition the topic had at a newer version
   * @param deleted jobs the topic's tombstones removed
   * @param unchanged jobs PostgreSQL already held at that version or newer
   * @param skipped jobs left alone: written through the API during the re-sync or still waiting in
   *     the outbox (PostgreSQL is newer), or whose record cannot be used (unreadable, or a Kafka
   *     target on a reserved topic)
   */
  @Schema(
      example =
          "{\"records\": 1250, \"created\": 12, \"updated\": 3, \"deleted\": 1,"
              + " \"unchanged\": 1234, \"skipped\": 0}")
  record Rebuilt(
      long records, long created, long updated, long deleted, long unchanged, long skipped) {}

  private enum Outcome {
    CREATED,
    UPDATED,
    DELETED,
    UNCHANGED,
    SKIPPED
  }

  private final JobRepository repository;
  private final JobProgress progress;
  private final Outbox outbox;
  private final TransactionTemplate transactions;
  private final Supplier<Consumer<String, byte[]>> consumers;
  private final String topic;
  private final ReservedTopics reserved;
  private final Clock clock;

  Resync(
      JobRepository repository,
      JobProgress progress,
      Outbox outbox,
      TransactionTemplate transactions,
      Supplier<Consumer<String, byte[]>> consumers,
      String topic,
      ReservedTopics reserved,
      Clock clock) {
    this.repository = repository;
    this.progress = progress;
    this.outbox = outbox;
    this.transactions = transactions;
    this.consumers = consumers;
    this.topic = topic;
    this.reserved = reserved;
    this.clock = clock;
  }

  /**
   * Appends every job's current definition to the outbox, keeping its version (the scheduler treats
   * an identical definition as an update that changes nothing), with its run progress ({@link
   * JobProgress}): a scheduler that lost its state (a rebuilt topic, a restored backup) restores
   * the runs and completion from it instead of firing the job's past occurrences again.
   */
  Republished republishAll() {
    long count = 0;
    String after = null;
    while (true) {
      var ids = repository.idsAfter(after, CHUNK);
      if (ids.isEmpty()) {
        break;
      }
      Integer chunk = transactions.execute(status -> republish(ids));
      count += chunk == null ? 0 : chunk;
      after = ids.getLast();
    }
    log.info("Re-sync: queued {} job definitions for {}", count, topic);
    return new Republished(count);
  }

  private int republish(List<String> ids) {
    int count = 0;
    for (var id : ids) {
      var job = repository.findForUpdate(id);
      if (job.isPresent()) {
        var row = job.get();
        outbox.append(
            id, JobDefinitionCodec.toBytes(row.definition(), progress.of(row, clock.instant())));
        count++;
      }
    }
    return count;
  }

  /**
   * Brings PostgreSQL up to the jobs topic: each job's last record there wins when it is newer (see
   * {@link JobsTopicMerge#newerThan}); a tombstone deletes the job. Jobs the topic does not have
   * are kept (they may wait in the outbox). Nothing is published.
   */
  Rebuilt rebuildDatabase() {
    var started = clock.instant();
    var snapshot = JobsTopicSnapshot.read(consumers, topic, READ_DEADLINE);
    var counts = new long[Outcome.values().length];
    var entries = new ArrayList<>(snapshot.entrySet());
    for (int from = 0; from < entries.size(); from += CHUNK) {
      var chunk = entries.subList(from, Math.min(from + CHUNK, entries.size()));
      var outcomes = transactions.execute(status -> rebuild(chunk, started));
      if (outcomes != null) {
        outcomes.forEach(outcome -> counts[outcome.ordinal()]++);
      }
    }
    var rebuilt =
        new Rebuilt(
            snapshot.size(),
            counts[Outcome.CREATED.ordinal()],
            counts[Outcome.UPDATED.ordinal()],
            counts[Outcome.DELETED.ordinal()],
            counts[Outcome.UNCHANGED.ordinal()],
            counts[Outcome.SKIPPED.ordinal()]);
    log.info("Re-sync: rebuilt the jobs table from {}: {}", topic, rebuilt);
    return rebuilt;
  }

  private List<Outcome> rebuild(
      List<Map.Entry<String, JobsTopicSnapshot.Last>> chunk, Instant started) {
    var outcomes = new ArrayList<Outcome>(chunk.size());
    for (var entry : chunk) {
      try (var ignored = LogContext.job(entry.getKey())) {
        outcomes.add(rebuild(entry.getKey(), entry.getValue(), started));
      }
    }
    return outcomes;
  }

  private Outcome rebuild(String id, JobsTopicSnapshot.Last last, Instant started) {
    var current = repository.findForUpdate(id).orElse(null);
    if (outbox.hasPending(id) || writtenSince(current, started)) {
      return Outcome.SKIPPED;
    }
    if (last.value() == null) {
      return current != null && repository.delete(id) ? Outcome.DELETED : Outcome.UNCHANGED;
    }
    JobDefinition record;
    try {
      record = JobsTopicMerge.read(id, last.value(), reserved);
    } catch (IllegalArgumentException e) {
      log.warn("Re-sync: skipping job {}: its last record cannot be used: {}", id, e.getMessage());
      return Outcome.SKIPPED;
    }
    var stored = JobsTopicMerge.newerThan(current, record, last.produced());
    if (stored == null) {
      return Outcome.UNCHANGED;
    }
    if (current == null) {
      return repository.insertIfAbsent(stored) ? Outcome.CREATED : Outcome.SKIPPED;
    }
    repository.update(stored);
    return Outcome.UPDATED;
  }

  private static boolean writtenSince(@Nullable JobRow current, Instant started) {
    var updated = current == null ? null : current.definition().updatedAt();
    return updated != null && updated.isAfter(started);
  }
}
