package dev.punctual.api.execution;

import dev.punctual.model.event.ExecutionFinished;
import dev.punctual.model.event.JobFired;
import dev.punctual.model.event.Trigger;
import dev.punctual.model.json.Json;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Writes what the fires and results topics report into {@code executions} (one row per attempt) and
 * the job's latest run into {@code jobs}. Fires and results arrive on different topics in no
 * particular order; each write only moves things forward, so the outcome is the same in any order
 * and when a record is applied twice.
 *
 * <p>Each write locks the job's row first, then the attempt's row, then updates the job's row: the
 * fires and results projections write the same rows concurrently, and locking in one order keeps
 * them from deadlocking.
 *
 * <p>The projections apply a polled batch with {@link ExecutionBatchWrites}, to the same effect in
 * a few statements per batch; these writes of one record serve when the database refuses a batch's
 * data and the loop applies it again one record per transaction.
 */
@Repository
class ExecutionWrites {

  /** The status of an attempt that was fired and whose result has not arrived yet. */
  static final String FIRED = "FIRED";

  private final JdbcClient jdbc;
  private final FailureStreaks streaks;

  ExecutionWrites(JdbcClient jdbc, FailureStreaks streaks) {
    this.jdbc = jdbc;
    this.streaks = streaks;
  }

  /**
   * Records a fired attempt as {@value #FIRED}, unless its row exists (its result came first, or
   * the fire was applied before); the job's latest run becomes this one if it is newer.
   */
  void fired(JobFired fire) {
    lockJob(fire.jobId());
    boolean inserted =
        jdbc.sql(
                    """
                    INSERT INTO executions (fire_id, attempt, job_id, trigger, status,
                                            scheduled_at, due_at)
                    VALUES (:fireId, :attempt, :jobId, :trigger, :status, :scheduledAt, :dueAt)
                    ON CONFLICT (fire_id, attempt) DO NOTHING
                    """)
                .param("fireId", fire.fireId())
                .param("attempt", fire.attempt())
                .param("jobId", fire.jobId())
                .param("trigger", fire.trigger().name())
                .param("status", FIRED)
                .param("scheduledAt", utc(fire.scheduledAt()))
                .param("dueAt", utc(fire.dueAt()))
                .update()
            == 1;
    // A result at the same instant is newer than the fire: only a strictly later fire wins.
    jdbc.sql(
            """
            UPDATE jobs SET
              last_run_status = CASE WHEN last_run_at IS NULL OR last_run_at < :firedAt
                                     THEN :status ELSE last_run_status END,
              last_run_at = GREATEST(last_run_at, :firedAt),
              scheduled_runs = scheduled_runs + :newRuns,
              last_scheduled_at = GREATEST(last_scheduled_at, :lastScheduledAt)
            WHERE id = :jobId
            """)
        .param("firedAt", utc(fire.firedAt()))
        .param("status", FIRED)
        .param("newRuns", countsAsRun(inserted, fire.trigger()))
        .param("lastScheduledAt", scheduledOccurrence(fire.trigger(), fire.scheduledAt()))
        .param("jobId", fire.jobId())
        .update();
  }

  /**
   * Records one finished attempt, completing the row its fire inserted. Applying the same result
   * again changes nothing: an attempt that already has its outcome keeps it, and the job's latest
   * run only moves forward in time.
   */
  void finished(ExecutionFinished result) {
    lockJob(result.jobId());
    var completed = upsertFinished(result);
    boolean inserted = completed.orElse(false);
    jdbc.sql(
            """
            UPDATE jobs SET
              last_run_status = CASE WHEN last_run_at IS NULL OR last_run_at <= :startedAt
                                     THEN :status ELSE last_run_status END,
              last_run_at = GREATEST(last_run_at, :startedAt),
              scheduled_runs = scheduled_runs + :newRuns,
              last_scheduled_at = GREATEST(last_scheduled_at, :lastScheduledAt)
            WHERE id = :jobId
            """)
        .param("startedAt", utc(result.startedAt()))
        .param("status", result.status().name())
        .param("newRuns", countsAsRun(inserted, result.trigger()))
        .param("lastScheduledAt", scheduledOccurrence(result.trigger(), result.scheduledAt()))
        .param("jobId", result.jobId())
        .update();
    if (completed.isPresent()) {
      streaks.count(java.util.List.of(result));
    }
  }

  /** Locks the job's row, if the API knows the job, until the transaction ends. */
  private void lockJob(String jobId) {
    jdbc.sql("SELECT 1 FROM jobs WHERE id = :jobId FOR NO KEY UPDATE")
        .param("jobId", jobId)
        .query(Integer.class)
        .optional();
  }

  /**
   * Scheduled fires count towards {@code maxRuns}; each is counted by whichever of its fire or
   * result inserted its row.
   */
  static int countsAsRun(boolean inserted, Trigger trigger) {
    return inserted && trigger == Trigger.SCHEDULE ? 1 : 0;
  }

  /**
   * The occurrence a fire or result reports as the job's last scheduled one ({@code
   * last_scheduled_at}, which only moves forward): its nominal time when it is a scheduled fire,
   * else {@code null}, which {@code GREATEST} ignores.
   */
  static @Nullable OffsetDateTime scheduledOccurrence(Trigger trigger, Instant scheduledAt) {
    return trigger == Trigger.SCHEDULE ? utc(scheduledAt) : null;
  }

  /**
   * Inserts the attempt, or completes a row that its fire inserted before the result arrived (one
   * without {@code finished_at}); empty when the attempt was complete already, else whether a row
   * was inserted.
   */
  private java.util.Optional<Boolean> upsertFinished(ExecutionFinished result) {
    return jdbc.sql(
            """
            INSERT INTO executions (fire_id, attempt, job_id, trigger, status, scheduled_at, due_at,
                                    started_at, finished_at, worker_id, detail, error)
            VALUES (:fireId, :attempt, :jobId, :trigger, :status, :scheduledAt, :dueAt,
                    :startedAt, :finishedAt, :workerId, CAST(:detail AS jsonb), :error)
            ON CONFLICT (fire_id, attempt) DO UPDATE SET
              status = EXCLUDED.status, started_at = EXCLUDED.started_at,
              finished_at = EXCLUDED.finished_at, worker_id = EXCLUDED.worker_id,
              detail = EXCLUDED.detail, error = EXCLUDED.error
            WHERE executions.finished_at IS NULL
            RETURNING (xmax = 0) AS inserted
            """)
        .param("fireId", result.fireId())
        .param("attempt", result.attempt())
        .param("jobId", result.jobId())
        .param("trigger", result.trigger().name())
        .param("status", result.status().name())
        .param("scheduledAt", utc(result.scheduledAt()))
        .param("dueAt", utc(result.dueAt()))
        .param("startedAt", utc(result.startedAt()))
        .param("finishedAt", utc(result.finishedAt()))
        .param("workerId", result.workerId())
        .param("detail", Json.toText(result.detail()))
        .param("error", result.error())
        .query(Boolean.class)
        .optional();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
