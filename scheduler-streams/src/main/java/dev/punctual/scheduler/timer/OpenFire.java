package dev.punctual.scheduler.timer;

import dev.punctual.model.job.HttpTarget;
import dev.punctual.model.job.JobDefinition;
import dev.punctual.model.job.KafkaTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The scheduled fire of a job whose final result has not arrived yet, tracked for the job's overlap
 * policy (see {@link Overlaps}); part of the {@link JobState}, so it survives restarts and moves
 * with its task. One per job: a fire that opens replaces the previous one.
 *
 * @param fireId the open fire
 * @param finishBy when it counts as finished even without a result ({@link #boundOf})
 * @param buffered the occurrence ({@code scheduledAt}) waiting to fire when this one finishes,
 *     under {@code BUFFER_ONE}; none otherwise
 */
public record OpenFire(String fireId, Instant finishBy, @Nullable Instant buffered) {

  /** The grace added to the bound, for queues, clocks and the worker's own commit delays. */
  static final Duration GRACE = Duration.ofMinutes(1);

  /**
   * What the bound counts per attempt of a Kafka target, which has no timeout of its own: a record
   * that is not written in this time has failed (the worker's transaction times out long before).
   */
  static final Duration KAFKA_ATTEMPT = Duration.ofMinutes(1);

  public OpenFire {
    Objects.requireNonNull(fireId, "fireId");
    Objects.requireNonNull(finishBy, "finishBy");
  }

  /** Fire {@code fireId} of {@code job}, emitted (or due, if later) at {@code startedAt}. */
  static OpenFire opened(JobDefinition job, String fireId, Instant startedAt) {
    return new OpenFire(fireId, startedAt.plus(boundOf(job)), null);
  }

  /**
   * How long a fire of {@code job} may go without a final result before it counts as finished: the
   * target's timeout × the attempts its retry policy allows, plus the backoffs between them, plus
   * {@link #GRACE}. A worker that lost the fire (or a result that was lost) then blocks the job's
   * next occurrences for a bounded time only.
   */
  static Duration boundOf(JobDefinition job) {
    var retry = job.retry();
    var perAttempt =
        switch (job.target()) {
          case HttpTarget http -> http.timeout();
          case KafkaTarget kafka -> KAFKA_ATTEMPT;
        };
    var bound = perAttempt.multipliedBy(retry.maxAttempts()).plus(GRACE);
    for (int attempt = 1; retry.hasAttemptsAfter(attempt); attempt++) {
      bound = bound.plus(retry.backoffAfter(attempt));
    }
    return bound;
  }

  /** Whether this fire still counts as running at {@code now}. */
  boolean isOpenAt(Instant now) {
    return now.isBefore(finishBy);
  }

  /** This fire with {@code occurrence} waiting for it to finish. */
  OpenFire buffering(Instant occurrence) {
    return new OpenFire(fireId, finishBy, occurrence);
  }

  /** The timer that releases the buffered occurrence at the bound, if one waits. */
  @Nullable TimerKey releaseTimer(String jobId) {
    return buffered == null ? null : TimerKey.release(finishBy, jobId);
  }
}
