package dev.punctual.api.job.sync;

import dev.punctual.api.audit.AuditAction;
import dev.punctual.api.audit.AuditLog;
import dev.punctual.api.audit.AuditOrigin;
import dev.punctual.api.job.JobBatchWrites;
import dev.punctual.api.job.JobRow;
import dev.punctual.api.outbox.Outbox;
import dev.punctual.model.job.JobDefinition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;

/**
 * The reads and writes of a polled batch, gathered and written by {@link #flush} with at most six
 * statements whatever the batch's size, with the outcome of {@link WriteAtOnce} for each record in
 * turn. The batch's jobs are read and locked at the start, in id order; each job's row is then
 * written once: deleted (when a record deleted it; this also removes its execution history),
 * inserted (when it is new, or deleted and created again) or updated. The outbox and audit rows
 * keep the order of the records.
 *
 * <p>A job that is not there at the start is not locked: when another writer (the REST API) creates
 * it before the flush, the insert finds its row and the flush fails with a {@link
 * DuplicateKeyException}, so the loop applies the batch again one record per transaction, where
 * {@link ProjectJobs} treats the record as a change of that job.
 */
final class WriteBatch implements JobsTopicWrites {

  private final JobBatchWrites jobs;
  private final Outbox outbox;
  private final AuditLog auditLog;
  private final Set<String> atStart;
  private final Map<String, @Nullable JobRow> current = new HashMap<>();
  private final Set<String> written = new LinkedHashSet<>();
  private final Set<String> deleted = new LinkedHashSet<>();
  private final List<Outbox.JobRecord> published = new ArrayList<>();
  private final List<AuditLog.TopicChange> audited = new ArrayList<>();

  /** Reads and locks the batch's jobs. */
  WriteBatch(JobBatchWrites jobs, Outbox outbox, AuditLog auditLog, Collection<String> jobIds) {
    this.jobs = jobs;
    this.outbox = outbox;
    this.auditLog = auditLog;
    var found = jobs.findAllForUpdate(jobIds);
    this.atStart = Set.copyOf(found.keySet());
    current.putAll(found);
  }

  @Override
  public Optional<JobRow> findForUpdate(String jobId) {
    return Optional.ofNullable(current.get(jobId));
  }

  @Override
  public boolean insertIfAbsent(JobDefinition stored) {
    if (current.get(stored.id()) != null) {
      return false;
    }
    current.put(stored.id(), new JobRow(stored, null, null, 0));
    written.add(stored.id());
    return true;
  }

  @Override
  public void update(JobDefinition stored) {
    var row = current.get(stored.id());
    if (row == null) {
      throw new IllegalStateException(
          "updating job " + stored.id() + ", which is not there; this indicates a bug");
    }
    current.put(
        stored.id(),
        new JobRow(
            stored,
            row.lastRunAt(),
            row.lastRunStatus(),
            row.scheduledRuns(),
            row.definition().paused() == stored.paused() ? row.pausedReason() : null));
    written.add(stored.id());
  }

  @Override
  public void delete(String jobId) {
    current.put(jobId, null);
    deleted.add(jobId);
  }

  @Override
  public void publish(String jobId, byte @Nullable [] definition) {
    published.add(new Outbox.JobRecord(jobId, definition));
  }

  @Override
  public void audit(AuditAction action, String jobId, long version) {
    audited.add(new AuditLog.TopicChange(action, jobId, version));
  }

  /** Writes what the batch's records did. */
  void flush() {
    if (!deleted.isEmpty()) {
      jobs.deleteAll(deleted);
    }
    var inserts = new ArrayList<JobDefinition>();
    var updates = new ArrayList<JobDefinition>();
    for (var jobId : written) {
      var row = current.get(jobId);
      if (row != null) {
        boolean inPlace = atStart.contains(jobId) && !deleted.contains(jobId);
        (inPlace ? updates : inserts).add(row.definition());
      }
    }
    if (!inserts.isEmpty() && jobs.insertAllIfAbsent(inserts) != inserts.size()) {
      throw new DuplicateKeyException(
          "a job of the batch was created meanwhile; the batch is applied again record by record");
    }
    if (!updates.isEmpty()) {
      jobs.updateAll(updates);
    }
    outbox.appendAll(published);
    auditLog.recordAll(AuditOrigin.JOBS_TOPIC, audited);
  }
}
