package dev.punctual.scheduler.timer;

import dev.punctual.model.event.ExecutionFinished;
import dev.punctual.model.event.JobFired;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns results into retries, and fires retries when due. A failed attempt with attempts left
 * becomes a {@link PendingRetry} (a timer in the job's state) at {@code finishedAt} plus the job's
 * backoff, or later when the target asked for it with {@code Retry-After} ({@link
 * ExecutionFinished#retryAfter()}), but never more than {@code maxBackoff} after {@code finishedAt}
 * ({@link dev.punctual.model.job.RetryPolicy#delayAfter}); at that time it fires with the same fire
 * id and the next attempt number. The last allowed attempt failing ends the fire as {@link
 * ResultOutcome.Exhausted}; a failure the worker reported as not retryable ends it at once, as
 * {@link ResultOutcome.NotRetryable}.
 *
 * <p>Workers deliver results at least once, so the same result may arrive twice, and a result may
 * arrive after the next attempt was already scheduled or fired. The job remembers the attempts it
 * acted on ({@link JobState#handled()}); a result for an attempt already handled, or older than the
 * retry owed, is ignored.
 *
 * <p>A manual fire triggered with its own parameters keeps them ({@link JobState#manualParameters})
 * until its final result: its retries and its dead-letter record carry them, not the job's.
 */
final class Retries {

  private static final Logger log = LoggerFactory.getLogger(Retries.class);

  private final JobStateStore store;
  private final FireSink sink;

  Retries(JobStateStore store, FireSink sink) {
    this.store = store;
    this.sink = sink;
  }

  /** Acts on {@code result} for the job whose state is {@code state}, as stored now. */
  ResultOutcome record(@Nullable JobState state, ExecutionFinished result) {
    if (state == null) {
      return new ResultOutcome.Ignored("the job is unknown to the scheduler or was deleted");
    }
    var pending = state.pendingRetry(result.fireId());
    int handled = state.handledAttempt(result.fireId());
    if (!result.status().isRetryable()) {
      return succeeded(state, result, pending, handled);
    }
    if (result.attempt() <= handled) {
      return new ResultOutcome.Ignored(
          "attempt " + handled + " of this fire was already handled (a duplicate or late result)");
    }
    if (pending != null && pending.attempt() > result.attempt()) {
      return new ResultOutcome.Ignored(
          "attempt " + pending.attempt() + " is already scheduled (a superseded result)");
    }
    var updated = state.withHandled(result.fireId(), result.attempt());
    if (!result.retryable()) {
      store.save(state, ended(updated, result.fireId()));
      return new ResultOutcome.NotRetryable(lastAttempt(state, result), notRetryable(result));
    }
    var policy = state.definition().retry();
    if (policy.hasAttemptsAfter(result.attempt())) {
      var retry =
          new PendingRetry(
              result.fireId(),
              result.scheduledAt(),
              result.attempt() + 1,
              result.finishedAt().plus(policy.delayAfter(result.attempt(), retryAfter(result))));
      store.save(state, updated.withRetry(retry));
      return new ResultOutcome.RetryScheduled(retry);
    }
    store.save(state, ended(updated, result.fireId()));
    return new ResultOutcome.Exhausted(lastAttempt(state, result), reason(result));
  }

  /** Fires a due retry timer. */
  int fire(@Nullable JobState state, TimerKey timer, Instant now) {
    var retry = state == null ? null : state.pendingRetry(timer.fireId());
    if (state == null || retry == null || !retry.retryAt().equals(timer.dueAt())) {
      throw new IllegalStateException(
          "retry timer " + timer + " does not match the job's state; this indicates a bug");
    }
    sink.emit(
        JobFired.retry(
            state.definition(),
            retry.fireId(),
            retry.scheduledAt(),
            retry.attempt(),
            retry.retryAt(),
            now,
            state.manualParameters(retry.fireId())));
    store.save(state, state.withoutRetry(retry.fireId()));
    return 1;
  }

  private ResultOutcome succeeded(
      JobState state, ExecutionFinished result, @Nullable PendingRetry pending, int handled) {
    // A fire that never failed needs no record; one that did remembers the success, so that a
    // late duplicate of a failed attempt does not retry a fire that already succeeded.
    if (pending == null && (handled == 0 || result.attempt() <= handled)) {
      var ended = state.withoutManualParameters(result.fireId());
      if (ended != state) {
        store.save(state, ended);
      }
      return new ResultOutcome.Settled();
    }
    if (pending != null) {
      log.info(
          "Attempt {} of fire {} succeeded; cancelling attempt {} due at {}",
          result.attempt(),
          result.fireId(),
          pending.attempt(),
          pending.retryAt());
    }
    var attempt = Math.max(handled, result.attempt());
    store.save(state, ended(state, result.fireId()).withHandled(result.fireId(), attempt));
    return new ResultOutcome.Settled();
  }

  /** {@code state} once fire {@code fireId} has its final result: no retry, nothing kept for it. */
  private static JobState ended(JobState state, String fireId) {
    return state.withoutRetry(fireId).withoutManualParameters(fireId);
  }

  private static JobFired lastAttempt(JobState state, ExecutionFinished result) {
    var job = state.definition();
    var manual = state.manualParameters(result.fireId());
    return new JobFired(
        result.fireId(),
        result.jobId(),
        result.scheduledAt(),
        result.dueAt(),
        result.dueAt(),
        result.attempt(),
        result.trigger(),
        0,
        job.target(),
        manual == null ? job.parameters() : manual);
  }

  /** How long after {@code finishedAt} the target asked to be called again; null if it did not. */
  private static @Nullable Duration retryAfter(ExecutionFinished result) {
    return result.retryAfter() == null
        ? null
        : Duration.between(result.finishedAt(), result.retryAfter());
  }

  private static String notRetryable(ExecutionFinished result) {
    return "fire "
        + result.fireId()
        + " failed on attempt "
        + result.attempt()
        + " and cannot be retried: "
        + result.error();
  }

  private static String reason(ExecutionFinished result) {
    return "fire "
        + result.fireId()
        + " failed after "
        + result.attempt()
        + (result.attempt() == 1 ? " attempt: " : " attempts: ")
        + result.error();
  }
}
