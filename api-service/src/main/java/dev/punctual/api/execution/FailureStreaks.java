package dev.punctual.api.execution;

import dev.punctual.api.job.PauseAfterFailures;
import dev.punctual.model.event.ExecutionFinished;
import dev.punctual.model.event.ExecutionStatus;
import dev.punctual.model.event.Trigger;
import dev.punctual.model.job.RetryPolicy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Counts each job's consecutive occurrences whose final result is a failure, and pauses a job with
 * {@code pauseAfterFailures} when its count reaches it. An occurrence is a scheduled fire (trigger
 * {@code SCHEDULE}, or a {@code RETRY} of one); manual and backfill fires count for nothing. A
 * result is final when it succeeded, or failed with {@code retryable} false or on the last attempt
 * the job's retry policy allows; a final success sets the count back to 0, and so do a pause and a
 * resume ({@code JobRepository#update}).
 *
 * <p>Only results that completed their attempt in this transaction are given here (a result applied
 * again changes no row and counts nothing), in the order of the topic, so the outcome is the same
 * whether a batch is applied at once or record by record. A few statements per batch whatever its
 * size: one reads the jobs, one the first attempts of retries, one writes the counts; plus the
 * pause of each job that reaches its threshold.
 */
@Repository
class FailureStreaks {

  /** A job's settings and count, as read for a batch. */
  private record Streak(int pauseAfter, int maxAttempts, boolean paused, int failures) {}

  private final JdbcClient jdbc;
  private final PauseAfterFailures pauses;

  FailureStreaks(JdbcClient jdbc, PauseAfterFailures pauses) {
    this.jdbc = jdbc;
    this.pauses = pauses;
  }

  /** Counts the results, which completed their attempts now, in topic order. */
  void count(List<ExecutionFinished> finished) {
    if (finished.isEmpty()) {
      return;
    }
    var streaks = streaks(finished.stream().map(ExecutionFinished::jobId).distinct().toList());
    if (streaks.isEmpty()) {
      return;
    }
    var retried = firstTriggers(finished);
    var counts = new TreeMap<String, Integer>();
    for (var result : finished) {
      var streak = streaks.get(result.jobId());
      if (streak == null || !isOccurrence(result, retried)) {
        continue;
      }
      int before = counts.getOrDefault(result.jobId(), streak.failures());
      if (result.status() == ExecutionStatus.SUCCEEDED) {
        counts.put(result.jobId(), 0);
      } else if (!result.retryable() || result.attempt() >= streak.maxAttempts()) {
        counts.put(result.jobId(), before + 1);
      }
    }
    write(counts);
    counts.forEach(
        (jobId, failures) -> {
          var streak = streaks.get(jobId);
          if (!streak.paused() && failures >= streak.pauseAfter()) {
            pauses.pause(jobId, failures);
          }
        });
  }

  /** The streaks of those jobs that have {@code pauseAfterFailures}. */
  private Map<String, Streak> streaks(List<String> jobIds) {
    var streaks = new HashMap<String, Streak>();
    jdbc.sql(
            """
            SELECT id, status, consecutive_failures,
                   CAST(definition -> 'schedule' ->> 'pauseAfterFailures' AS integer) AS pause_after,
                   CAST(definition -> 'retry' ->> 'maxAttempts' AS integer) AS max_attempts
            FROM jobs
            WHERE id = ANY(CAST(:ids AS text[]))
              AND definition -> 'schedule' ->> 'pauseAfterFailures' IS NOT NULL
            """)
        .param("ids", jobIds.toArray(String[]::new))
        .query(
            row -> {
              int maxAttempts = row.getInt("max_attempts");
              streaks.put(
                  row.getString("id"),
                  new Streak(
                      row.getInt("pause_after"),
                      row.wasNull() ? RetryPolicy.DEFAULT.maxAttempts() : maxAttempts,
                      "PAUSED".equals(row.getString("status")),
                      row.getInt("consecutive_failures")));
            });
    return streaks;
  }

  /**
   * The trigger of the first attempt of each retried fire among the results: a retry of a manual or
   * a backfill fire is no occurrence of the schedule.
   */
  private Map<String, Trigger> firstTriggers(List<ExecutionFinished> finished) {
    var retriedFires =
        finished.stream()
            .filter(result -> result.trigger() == Trigger.RETRY)
            .map(ExecutionFinished::fireId)
            .distinct()
            .toArray(String[]::new);
    var triggers = new HashMap<String, Trigger>();
    if (retriedFires.length == 0) {
      return triggers;
    }
    jdbc.sql(
            """
            SELECT fire_id, trigger FROM executions
            WHERE fire_id = ANY(CAST(:fireIds AS text[])) AND attempt = 1
            """)
        .param("fireIds", retriedFires)
        .query(
            row -> {
              triggers.put(row.getString("fire_id"), Trigger.valueOf(row.getString("trigger")));
            });
    return triggers;
  }

  private static boolean isOccurrence(
      ExecutionFinished result, Map<String, Trigger> firstTriggers) {
    return switch (result.trigger()) {
      case SCHEDULE -> true;
      case MANUAL, BACKFILL -> false;
      // The first attempt's row is there (its result came first on the same partition); when it
      // is not (deleted history), a manual fire's id still tells it apart.
      case RETRY ->
          firstTriggers.getOrDefault(
                  result.fireId(),
                  result.fireId().contains("@manual-") ? Trigger.MANUAL : Trigger.SCHEDULE)
              == Trigger.SCHEDULE;
    };
  }

  private void write(Map<String, Integer> counts) {
    if (counts.isEmpty()) {
      return;
    }
    jdbc.sql(
            """
            UPDATE jobs SET consecutive_failures = streak.failures
            FROM unnest(CAST(:ids AS text[]), CAST(:failures AS int[])) AS streak(id, failures)
            WHERE jobs.id = streak.id
            """)
        .param("ids", counts.keySet().toArray(String[]::new))
        .param("failures", counts.values().stream().mapToInt(Integer::intValue).toArray())
        .update();
  }
}
