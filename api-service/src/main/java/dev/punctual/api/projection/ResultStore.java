package dev.punctual.api.projection;

import dev.punctual.model.event.ExecutionFinished;
import dev.punctual.model.event.Trigger;
import dev.punctual.model.json.Json;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Writes results into {@code executions} and the job's latest run into {@code jobs}. */
@Repository
class ResultStore {

  private final JdbcClient jdbc;

  ResultStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Records one finished attempt. Applying the same result again changes nothing: an attempt that
   * already has its outcome keeps it, and the job's latest run only moves forward in time.
   */
  void apply(ExecutionFinished result) {
    boolean inserted = upsertExecution(result);
    boolean newScheduledRun = inserted && result.trigger() == Trigger.SCHEDULE;
    jdbc.sql(
            """
            UPDATE jobs SET
              last_run_status = CASE WHEN last_run_at IS NULL OR last_run_at <= :startedAt
                                     THEN :status ELSE last_run_status END,
              last_run_at = GREATEST(last_run_at, :startedAt),
              scheduled_runs = scheduled_runs + :newRuns
            WHERE id = :jobId
            """)
        .param("startedAt", utc(result.startedAt()))
        .param("status", result.status().name())
        .param("newRuns", newScheduledRun ? 1 : 0)
        .param("jobId", result.jobId())
        .update();
  }

  /**
   * Inserts the attempt, or completes a row that a projection of fires inserted before the result
   * arrived (one without {@code finished_at}); whether a row was inserted.
   */
  private boolean upsertExecution(ExecutionFinished result) {
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
        .optional()
        .orElse(false);
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
