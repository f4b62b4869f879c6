package dev.punctual.api.job;

import dev.punctual.api.audit.AuditAction;
import dev.punctual.api.audit.AuditLog;
import dev.punctual.api.audit.AuditOrigin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Pauses a job whose last {@code pauseAfterFailures} occurrences failed, by the path of {@code POST
 * /jobs/{id}/pause} (a new version with {@code paused: true}, published through the outbox), marked
 * {@code pausedReason} {@code FAILURES} and audited as done by {@link
 * AuditOrigin#PAUSE_AFTER_FAILURES}. Called by the results projection inside its transaction, once
 * per job that reaches the threshold (rare), so it may take a few statements per job.
 */
@Component
public class PauseAfterFailures {

  private static final Logger log = LoggerFactory.getLogger(PauseAfterFailures.class);

  private final JobRepository repository;
  private final JobChanges changes;
  private final AuditLog auditLog;
  private final JdbcClient jdbc;

  PauseAfterFailures(
      JobRepository repository, JobChanges changes, AuditLog auditLog, JdbcClient jdbc) {
    this.repository = repository;
    this.changes = changes;
    this.auditLog = auditLog;
    this.jdbc = jdbc;
  }

  /**
   * Pauses the job unless it is paused already (or gone), in the caller's transaction.
   *
   * @param failures the consecutive failed occurrences that led to it, for the audit entry
   */
  public void pause(String jobId, int failures) {
    var current = repository.findForUpdate(jobId).orElse(null);
    if (current == null || current.definition().paused()) {
      return;
    }
    var paused = changes.change(current, definition -> definition.withPaused(true));
    jdbc.sql("UPDATE jobs SET paused_reason = :reason WHERE id = :id")
        .param("reason", JobRow.FAILURES)
        .param("id", jobId)
        .update();
    auditLog.record(
        AuditOrigin.PAUSE_AFTER_FAILURES,
        AuditAction.PAUSE,
        jobId,
        paused.version(),
        null,
        "paused after " + failures + " consecutive failed occurrences");
    log.info(
        "Paused job {} after {} consecutive failed occurrences (version {}); resume it with POST"
            + " /jobs/{}/resume",
        jobId,
        failures,
        paused.version(),
        jobId);
  }
}
