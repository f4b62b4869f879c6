package dev.punctual.scheduler.timer;

import java.time.Instant;
import java.util.Objects;

/**
 * A retry the scheduler owes: attempt {@code attempt} of fire {@code fireId}, due at {@code
 * retryAt}. Part of the {@link JobState}, so it survives restarts and moves with its task.
 *
 * @param fireId the fire being retried
 * @param scheduledAt the fire's nominal occurrence (unchanged by retries)
 * @param attempt the 1-based number of the attempt to fire
 * @param retryAt when it is due: the failed attempt's {@code finishedAt} plus the backoff
 */
public record PendingRetry(String fireId, Instant scheduledAt, int attempt, Instant retryAt) {

  public PendingRetry {
    Objects.requireNonNull(fireId, "fireId");
    Objects.requireNonNull(scheduledAt, "scheduledAt");
    Objects.requireNonNull(retryAt, "retryAt");
    if (attempt < 2) {
      throw new IllegalArgumentException(
          "a retry is attempt 2 or later, got " + attempt + "; this indicates a bug");
    }
  }

  TimerKey timer(String jobId) {
    return TimerKey.retry(retryAt, jobId, fireId);
  }
}
