package dev.punctual.api.job.sync;

import dev.punctual.api.audit.AuditAction;
import dev.punctual.api.audit.AuditLog;
import dev.punctual.api.audit.AuditOrigin;
import dev.punctual.api.job.JobRepository;
import dev.punctual.api.job.JobRow;
import dev.punctual.api.outbox.Outbox;
import dev.punctual.model.job.JobDefinition;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Each read and write at once, a statement each: for one record per transaction. */
record WriteAtOnce(JobRepository repository, Outbox outbox, AuditLog auditLog)
    implements JobsTopicWrites {

  @Override
  public Optional<JobRow> findForUpdate(String jobId) {
    return repository.findForUpdate(jobId);
  }

  @Override
  public boolean insertIfAbsent(JobDefinition stored) {
    return repository.insertIfAbsent(stored);
  }

  @Override
  public void update(JobDefinition stored) {
    repository.update(stored);
  }

  @Override
  public void delete(String jobId) {
    repository.delete(jobId);
  }

  @Override
  public void publish(String jobId, byte @Nullable [] definition) {
    outbox.append(jobId, definition);
  }

  @Override
  public void audit(AuditAction action, String jobId, long version) {
    auditLog.record(AuditOrigin.JOBS_TOPIC, action, jobId, version, null, null);
  }
}
