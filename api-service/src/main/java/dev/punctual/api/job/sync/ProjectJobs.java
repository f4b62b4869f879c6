package dev.punctual.api.job.sync;

import dev.punctual.api.ApiProperties;
import dev.punctual.api.audit.AuditAction;
import dev.punctual.api.audit.AuditLog;
import dev.punctual.api.audit.AuditOrigin;
import dev.punctual.api.job.JobBatchWrites;
import dev.punctual.api.job.JobRepository;
import dev.punctual.api.job.JobRow;
import dev.punctual.api.outbox.Outbox;
import dev.punctual.api.projection.BatchProjection;
import dev.punctual.model.job.JobDefinition;
import dev.punctual.model.json.JobDefinitionCodec;
import dev.punctual.model.log.LogContext;
import dev.punctual.model.topic.ReservedTopics;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Projects the jobs topic into PostgreSQL, so that jobs other producers write there appear in the
 * API. The rules:
 *
 * <ul>
 *   <li>A record the API published itself (header {@value Outbox#ORIGIN_HEADER}) is already applied
 *       (PostgreSQL holds that state or a later one) and is ignored: no echo loop, and an echo of a
 *       deleted job does not bring it back.
 *   <li>Another producer's record without {@code version} is a new version after the stored one
 *       (unless it equals the stored definition); with a {@code version}, it applies only when that
 *       is higher than the stored one: an older record never overwrites a newer one.
 *   <li>A tombstone from another producer deletes the job.
 *   <li>A record that cannot be used (unreadable, or with a Kafka target on a reserved topic, which
 *       the scheduler dead-letters) is skipped with a warning: it neither creates a job nor changes
 *       a stored one, as in the scheduler. The scheduler's dead-letter record is the one to act on;
 *       the API writes none of its own.
 *   <li>Whatever it applies, it also appends to the outbox with the version it stored; when it
 *       ignores a stale record, it appends the stored definition. So the topic's last record of a
 *       job is always what PostgreSQL holds, also when an API write of the same job was still
 *       waiting in the outbox (and lands on the topic after the other producer's record): the
 *       outbox publishes one job's rows in commit order, and this write commits after that one.
 *   <li>Whatever it applies is recorded in the audit log with actor {@value AuditOrigin#TOPIC}
 *       (create, update or delete), in the same transaction; the API's own echoes and stale records
 *       are not changes and are not recorded.
 * </ul>
 *
 * <p>A polled batch is applied with a few statements ({@link WriteBatch}), to the effect of
 * applying its records one at a time ({@link WriteAtOnce}), which the loop falls back to when the
 * database refuses the batch.
 */
@Component
class ProjectJobs implements BatchProjection<ProjectJobs.JobRecord> {

  private static final Logger log = LoggerFactory.getLogger(ProjectJobs.class);

  /**
   * A record of the jobs topic.
   *
   * @param jobId its key
   * @param definition its definition; {@code null} for a tombstone or a record of the API's own
   * @param publishedByApi whether the API's outbox published it
   * @param produced its timestamp
   */
  record JobRecord(
      String jobId, @Nullable JobDefinition definition, boolean publishedByApi, Instant produced) {}

  private final JobBatchWrites batchWrites;
  private final Outbox outbox;
  private final AuditLog auditLog;
  private final WriteAtOnce atOnce;
  private final String topic;
  private final ReservedTopics reserved;

  ProjectJobs(
      JobRepository repository,
      JobBatchWrites batchWrites,
      Outbox outbox,
      AuditLog auditLog,
      ApiProperties properties) {
    this.batchWrites = batchWrites;
    this.outbox = outbox;
    this.auditLog = auditLog;
    this.atOnce = new WriteAtOnce(repository, outbox, auditLog);
    this.topic = properties.topics().jobs().name();
    this.reserved = properties.topics().reserved();
  }

  @Override
  public String name() {
    return "jobs";
  }

  @Override
  public String topic() {
    return topic;
  }

  @Override
  public JobRecord read(ConsumerRecord<String, byte[]> record) {
    var key = record.key();
    if (key == null) {
      throw new IllegalArgumentException("the record has no key; the key must be the job id");
    }
    var produced = Instant.ofEpochMilli(record.timestamp());
    if (Outbox.publishedByApi(record.headers())) {
      return new JobRecord(key, null, true, produced);
    }
    var value = record.value();
    return new JobRecord(
        key, value == null ? null : JobsTopicMerge.read(key, value, reserved), false, produced);
  }

  @Override
  public void apply(JobRecord record, ConsumerRecord<String, byte[]> source) {
    if (!record.publishedByApi()) {
      apply(record, atOnce);
    }
  }

  /** Applies a polled batch with a few statements ({@link WriteBatch}). */
  @Override
  public void applyAll(List<JobRecord> records) {
    var others = records.stream().filter(record -> !record.publishedByApi()).toList();
    if (others.isEmpty()) {
      return;
    }
    var batch =
        new WriteBatch(
            batchWrites, outbox, auditLog, others.stream().map(JobRecord::jobId).toList());
    for (var record : others) {
      try (var ignored = logContext(record)) {
        apply(record, batch);
      }
    }
    batch.flush();
  }

  private void apply(JobRecord record, JobsTopicWrites writes) {
    var current = writes.findForUpdate(record.jobId()).orElse(null);
    if (record.definition() == null) {
      deleted(record.jobId(), current, writes);
    } else if (current == null) {
      created(record, writes);
    } else {
      changed(record, current, writes);
    }
  }

  private void deleted(String jobId, @Nullable JobRow current, JobsTopicWrites writes) {
    if (current == null) {
      return;
    }
    writes.delete(jobId);
    writes.publish(jobId, null);
    writes.audit(AuditAction.DELETE, jobId, current.version());
    // One line per job would flood the log at bulk loads; the audit log records each change.
    log.debug("Deleted job {}: another producer wrote a tombstone to {}", jobId, topic);
  }

  private void created(JobRecord record, JobsTopicWrites writes) {
    var stored = JobsTopicMerge.newerThan(null, record.definition(), record.produced());
    if (!writes.insertIfAbsent(stored)) {
      // Created through the API in the meantime: treat the record as a change of that job.
      changed(record, writes.findForUpdate(record.jobId()).orElseThrow(), writes);
      return;
    }
    publish(stored, writes);
    writes.audit(AuditAction.CREATE, stored.id(), stored.version());
    log.debug(
        "Added job {} at version {}: another producer wrote it to {}",
        record.jobId(),
        stored.version(),
        topic);
  }

  private void changed(JobRecord record, JobRow current, JobsTopicWrites writes) {
    var definition = record.definition();
    if (JobsTopicMerge.isCurrent(current, definition)) {
      return;
    }
    var stored = JobsTopicMerge.newerThan(current, definition, record.produced());
    if (stored == null) {
      // Stale: the topic's last record must be what PostgreSQL holds, not this one.
      publish(current.definition(), writes);
      log.info(
          "Ignored version {} of job {} written to {} by another producer: version {} is"
              + " stored, and published again",
          definition.version(),
          record.jobId(),
          topic,
          current.version());
      return;
    }
    writes.update(stored);
    publish(stored, writes);
    writes.audit(AuditAction.UPDATE, stored.id(), stored.version());
    log.debug(
        "Updated job {} to version {}: another producer wrote it to {}",
        record.jobId(),
        stored.version(),
        topic);
  }

  private static void publish(JobDefinition definition, JobsTopicWrites writes) {
    writes.publish(definition.id(), JobDefinitionCodec.toBytes(definition));
  }

  @Override
  public LogContext logContext(JobRecord record) {
    return LogContext.job(record.jobId());
  }
}
