package dev.punctual.scheduler.timer;

import dev.punctual.model.event.JobFired;

/** What the scheduler did with a result read from the results topic. */
public sealed interface ResultOutcome {

  /** Whether the fire has its final result: it succeeded, or failed with no retry left. */
  default boolean isFinal() {
    return switch (this) {
      case Settled settled -> true;
      case Exhausted exhausted -> true;
      case NotRetryable notRetryable -> true;
      case RetryScheduled retryScheduled -> false;
      case Ignored ignored -> false;
    };
  }

  /** Nothing to do: the attempt succeeded, or a success ended a retried fire (retry cancelled). */
  record Settled() implements ResultOutcome {}

  /**
   * The result was ignored: a duplicate, superseded by a later attempt, or of a deleted job.
   *
   * @param reason why, for the log
   */
  record Ignored(String reason) implements ResultOutcome {}

  /**
   * The attempt failed and the next one is scheduled.
   *
   * @param retry the retry owed
   */
  record RetryScheduled(PendingRetry retry) implements ResultOutcome {}

  /**
   * The attempt failed and was the last the job's retry policy allows: the fire goes to the
   * dead-letter topic.
   *
   * @param lastAttempt the failed attempt, rebuilt from the result and the job's current target and
   *     parameters (a manual fire's own, if it was triggered with them); its {@code firedAt} is its
   *     {@code dueAt}, since the scheduler does not keep when each attempt was emitted
   * @param reason what happened, for a person to act on
   */
  record Exhausted(JobFired lastAttempt, String reason) implements ResultOutcome {}

  /**
   * The attempt failed in a way the worker reported as not retryable (another attempt would fail
   * the same way): the fire goes to the dead-letter topic at once, whatever attempts the job's
   * retry policy has left.
   *
   * @param lastAttempt the failed attempt, rebuilt as for {@link Exhausted}
   * @param reason what happened, for a person to act on
   */
  record NotRetryable(JobFired lastAttempt, String reason) implements ResultOutcome {}
}
