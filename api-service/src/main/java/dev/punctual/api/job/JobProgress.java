package dev.punctual.api.job;

import dev.punctual.model.job.JobStatus;
import dev.punctual.model.job.RunProgress;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The run progress of a stored job ({@link RunProgress}), which {@code POST /admin/resync/topic}
 * carries on each definition's record so that a scheduler on empty state does not fire again what
 * fired before: the scheduled runs and the last scheduled occurrence the projections counted, and
 * completion derived from them by the rule that gives the job's REST status ({@link JobOutlook}).
 *
 * <p>Completion is derived rather than stored: storing it would make the projections evaluate each
 * job's schedule for every record, for a value only a re-sync reads.
 */
@Repository
public class JobProgress {

  private final JdbcClient jdbc;

  JobProgress(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The progress of {@code job} at {@code now}, as far as the projections have seen its runs. */
  public RunProgress of(JobRow job, Instant now) {
    var lastScheduledAt =
        jdbc.sql("SELECT last_scheduled_at FROM jobs WHERE id = :id")
            .param("id", job.id())
            .query(OffsetDateTime.class)
            .optional()
            .map(OffsetDateTime::toInstant);
    return of(job, lastScheduledAt, now);
  }

  static RunProgress of(JobRow job, Optional<Instant> lastScheduledAt, Instant now) {
    // A paused job keeps its progress: whether it is complete is what resuming it would find.
    var outlook = JobOutlook.of(job.definition().withPaused(false), job.scheduledRuns(), now);
    return new RunProgress(
        job.scheduledRuns(), lastScheduledAt.orElse(null), outlook.status() == JobStatus.COMPLETED);
  }
}
