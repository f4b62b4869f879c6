package dev.punctual.api.execution;

import dev.punctual.model.event.ExecutionFinished;
import dev.punctual.model.event.JobFired;
import dev.punctual.model.event.Trigger;
import dev.punctual.model.json.Json;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Writes a polled batch of fires or results with set-based statements: three statements per batch
 * whatever its size, where {@link ExecutionWrites} needs three per record. The outcome is that of
 * {@link ExecutionWrites} applied to each record in turn, whose Javadoc states the rules; {@code
 * ExecutionBatchWritesIT} compares the two on random interleavings. For one batch:
 *
 * <ol>
 *   <li>its jobs' rows are locked in one statement, in id order;
 *   <li>its attempts are inserted (fires) or inserted and completed (results) in one multi-row
 *       statement, in job, fire and attempt order. The first record of an attempt stands for its
 *       duplicates: applied after it, they would find its row and change nothing;
 *   <li>each locked job's latest run and scheduled runs are updated once ({@link LatestRuns}).
 * </ol>
 *
 * <p>Both projections lock jobs first, then attempts, each in one order, so they cannot deadlock. A
 * job whose row appears after the lock (created meanwhile) keeps its latest run, as if the batch
 * had been applied a moment earlier.
 */
@Repository
class ExecutionBatchWrites {

  private final JdbcClient jdbc;
  private final FailureStreaks streaks;

  ExecutionBatchWrites(JdbcClient jdbc, FailureStreaks streaks) {
    this.jdbc = jdbc;
    this.streaks = streaks;
  }

  /** Applies fires as {@link ExecutionWrites#fired} would, one after another. */
  void fired(List<JobFired> fires) {
    var runs = new LatestRuns();
    fires.forEach(
        fire ->
            runs.ran(
                fire.jobId(),
                fire.firedAt(),
                ExecutionWrites.FIRED,
                scheduled(fire.trigger(), fire.scheduledAt())));
    var locked = lockJobs(fires.stream().map(JobFired::jobId));
    var attempts = firstOfEachAttempt(fires, JobFired::jobId, JobFired::fireId, JobFired::attempt);
    jdbc.sql(
            """
            INSERT INTO executions (fire_id, attempt, job_id, trigger, status,
                                    scheduled_at, due_at)
            SELECT fire_id, attempt, job_id, trigger, :status, scheduled_at, due_at
            FROM unnest(CAST(:fireIds AS text[]), CAST(:attempts AS int[]),
                        CAST(:jobIds AS text[]), CAST(:triggers AS text[]),
                        CAST(:scheduledAt AS timestamptz[]), CAST(:dueAt AS timestamptz[]))
                 AS fire(fire_id, attempt, job_id, trigger, scheduled_at, due_at)
            ON CONFLICT (fire_id, attempt) DO NOTHING
            RETURNING job_id, trigger, true AS inserted
            """)
        .param("status", ExecutionWrites.FIRED)
        .param("fireIds", texts(attempts, JobFired::fireId))
        .param("attempts", attempts.stream().mapToInt(JobFired::attempt).toArray())
        .param("jobIds", texts(attempts, JobFired::jobId))
        .param("triggers", texts(attempts, fire -> fire.trigger().name()))
        .param("scheduledAt", texts(attempts, fire -> instant(fire.scheduledAt())))
        .param("dueAt", texts(attempts, fire -> instant(fire.dueAt())))
        .query(countRuns(runs));
    // A result at the same instant is newer than the fire: only a strictly later fire wins.
    updateJobs(runs.of(locked), false);
  }

  /** Applies results as {@link ExecutionWrites#finished} would, one after another. */
  void finished(List<ExecutionFinished> results) {
    var runs = new LatestRuns();
    results.forEach(
        result ->
            runs.ran(
                result.jobId(),
                result.startedAt(),
                result.status().name(),
                scheduled(result.trigger(), result.scheduledAt())));
    var locked = lockJobs(results.stream().map(ExecutionFinished::jobId));
    var completed = new HashSet<String>();
    var attempts =
        firstOfEachAttempt(
            results,
            ExecutionFinished::jobId,
            ExecutionFinished::fireId,
            ExecutionFinished::attempt);
    jdbc.sql(
            """
            INSERT INTO executions (fire_id, attempt, job_id, trigger, status, scheduled_at, due_at,
                                    started_at, finished_at, worker_id, detail, error)
            SELECT fire_id, attempt, job_id, trigger, status, scheduled_at, due_at,
                   started_at, finished_at, worker_id, detail, error
            FROM unnest(CAST(:fireIds AS text[]), CAST(:attempts AS int[]),
                        CAST(:jobIds AS text[]), CAST(:triggers AS text[]),
                        CAST(:statuses AS text[]), CAST(:scheduledAt AS timestamptz[]),
                        CAST(:dueAt AS timestamptz[]), CAST(:startedAt AS timestamptz[]),
                        CAST(:finishedAt AS timestamptz[]), CAST(:workerIds AS text[]),
                        CAST(:details AS jsonb[]), CAST(:errors AS text[]))
                 AS result(fire_id, attempt, job_id, trigger, status, scheduled_at, due_at,
                           started_at, finished_at, worker_id, detail, error)
            ON CONFLICT (fire_id, attempt) DO UPDATE SET
              status = EXCLUDED.status, started_at = EXCLUDED.started_at,
              finished_at = EXCLUDED.finished_at, worker_id = EXCLUDED.worker_id,
              detail = EXCLUDED.detail, error = EXCLUDED.error
            WHERE executions.finished_at IS NULL
            RETURNING job_id, trigger, (xmax = 0) AS inserted, fire_id, attempt
            """)
        .param("fireIds", texts(attempts, ExecutionFinished::fireId))
        .param("attempts", attempts.stream().mapToInt(ExecutionFinished::attempt).toArray())
        .param("jobIds", texts(attempts, ExecutionFinished::jobId))
        .param("triggers", texts(attempts, result -> result.trigger().name()))
        .param("statuses", texts(attempts, result -> result.status().name()))
        .param("scheduledAt", texts(attempts, result -> instant(result.scheduledAt())))
        .param("dueAt", texts(attempts, result -> instant(result.dueAt())))
        .param("startedAt", texts(attempts, result -> instant(result.startedAt())))
        .param("finishedAt", texts(attempts, result -> instant(result.finishedAt())))
        .param("workerIds", texts(attempts, ExecutionFinished::workerId))
        .param("details", texts(attempts, result -> Json.toText(result.detail())))
        .param("errors", texts(attempts, ExecutionFinished::error))
        .query(
            row -> {
              countRuns(runs).processRow(row);
              completed.add(row.getInt("attempt") + "#" + row.getString("fire_id"));
            });
    // A result at the same instant as the stored latest run is newer than it.
    updateJobs(runs.of(locked), true);
    // The results that completed their attempt now, in topic order (the first of duplicates).
    streaks.count(
        results.stream()
            .filter(result -> completed.remove(result.attempt() + "#" + result.fireId()))
            .toList());
  }

  /** Locks the rows of the jobs the API knows, in id order, until the transaction ends. */
  private List<String> lockJobs(Stream<String> jobIds) {
    return jdbc.sql(
            """
            SELECT id FROM jobs WHERE id = ANY(CAST(:ids AS text[]))
            ORDER BY id FOR NO KEY UPDATE
            """)
        .param("ids", jobIds.distinct().toArray(String[]::new))
        .query(String.class)
        .list();
  }

  /** Counts the scheduled runs among the attempts a statement returns as inserted. */
  private static RowCallbackHandler countRuns(LatestRuns runs) {
    return row ->
        runs.addRuns(
            row.getString("job_id"),
            ExecutionWrites.countsAsRun(
                row.getBoolean("inserted"), Trigger.valueOf(row.getString("trigger"))));
  }

  /**
   * Each job's latest run moves forward to the batch's, if that is later ({@code sameInstantWins}:
   * or at the same instant), and its scheduled runs grow by those the batch inserted.
   */
  private void updateJobs(List<LatestRuns.JobRun> runs, boolean sameInstantWins) {
    if (runs.isEmpty()) {
      return;
    }
    jdbc.sql(
            """
            UPDATE jobs SET
              last_run_status = CASE WHEN last_run_at IS NULL OR last_run_at < run.at
                                          OR (:sameInstantWins AND last_run_at = run.at)
                                     THEN run.status ELSE last_run_status END,
              last_run_at = GREATEST(last_run_at, run.at),
              scheduled_runs = scheduled_runs + run.new_runs,
              last_scheduled_at = GREATEST(jobs.last_scheduled_at, run.last_scheduled)
            FROM unnest(CAST(:jobIds AS text[]), CAST(:ats AS timestamptz[]),
                        CAST(:statuses AS text[]), CAST(:newRuns AS int[]),
                        CAST(:lastScheduledAts AS timestamptz[]))
                 AS run(job_id, at, status, new_runs, last_scheduled)
            WHERE jobs.id = run.job_id
            """)
        .param("sameInstantWins", sameInstantWins)
        .param("jobIds", texts(runs, LatestRuns.JobRun::jobId))
        .param("ats", texts(runs, run -> instant(run.at())))
        .param("statuses", texts(runs, LatestRuns.JobRun::status))
        .param("newRuns", runs.stream().mapToInt(LatestRuns.JobRun::newRuns).toArray())
        .param(
            "lastScheduledAts",
            texts(
                runs, run -> run.lastScheduledAt() == null ? null : instant(run.lastScheduledAt())))
        .update();
  }

  /** A scheduled fire's occurrence, which {@code last_scheduled_at} follows; else {@code null}. */
  private static @Nullable Instant scheduled(Trigger trigger, Instant scheduledAt) {
    return trigger == Trigger.SCHEDULE ? scheduledAt : null;
  }

  /**
   * The first record of each attempt, in job, fire and attempt order: the order in which both
   * projections insert, and so lock, execution rows.
   */
  private static <T> List<T> firstOfEachAttempt(
      List<T> records,
      Function<T, String> jobId,
      Function<T, String> fireId,
      ToIntFunction<T> attempt) {
    var first = new LinkedHashMap<String, T>();
    for (var record : records) {
      first.putIfAbsent(attempt.applyAsInt(record) + "#" + fireId.apply(record), record);
    }
    return first.values().stream()
        .sorted(Comparator.comparing(jobId).thenComparing(fireId).thenComparingInt(attempt))
        .toList();
  }

  /**
   * An array parameter as text, which the statement casts to the column's type: the JDBC driver
   * sends a {@code String[]} as {@code text[]}, one way for every type and without the connection
   * that {@code Connection#createArrayOf} needs.
   */
  private static <T> String[] texts(List<T> values, Function<T, String> text) {
    return values.stream().map(text).toArray(String[]::new);
  }

  /** ISO-8601 in UTC, which PostgreSQL reads as a {@code timestamptz}. */
  private static String instant(Instant instant) {
    return instant.toString();
  }
}
