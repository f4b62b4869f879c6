package dev.punctual.api.job.sync;

import dev.punctual.api.audit.AuditAction;
import dev.punctual.api.job.JobRow;
import dev.punctual.model.job.JobDefinition;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The reads and writes by which {@link ProjectJobs} applies records of the jobs topic: at once, one
 * record per transaction ({@link WriteAtOnce}), or gathered for a polled batch and written with a
 * few statements ({@link WriteBatch}).
 */
interface JobsTopicWrites {

  /** The job as the records applied so far left it, its row locked. */
  Optional<JobRow> findForUpdate(String jobId);

  /** Inserts the job unless one with its id exists; whether it was inserted. */
  boolean insertIfAbsent(JobDefinition stored);

  /** Replaces the definition of the job {@link #findForUpdate} returned. */
  void update(JobDefinition stored);

  /** Deletes the job {@link #findForUpdate} returned, with its execution history. */
  void delete(String jobId);

  /** Appends a record for the jobs topic to the outbox; {@code null} for a tombstone. */
  void publish(String jobId, byte @Nullable [] definition);

  /** Records a change in the audit log, actor {@code topic}. */
  void audit(AuditAction action, String jobId, long version);
}
