package dev.punctual.model.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The outcome of one attempt of a fire, as written to the results topic (key = job id).
 *
 * @param fireId the fire
 * @param jobId the job
 * @param attempt 1-based attempt number of the fire it answers
 * @param trigger the trigger of the fire it answers
 * @param status how the attempt ended
 * @param scheduledAt the fire's nominal occurrence
 * @param dueAt when the attempt was due
 * @param startedAt when the worker started executing
 * @param finishedAt when the worker finished
 * @param workerId which worker executed it
 * @param detail what the target answered (for HTTP: status, duration, body excerpt)
 * @param error why it failed, for a person to act on; {@code null} on success
 * @param retryable whether the job's retry policy may retry a failed attempt: {@code false} when
 *     the worker knows another attempt would fail the same way (a reserved or not allowed topic, an
 *     unknown secret, a refused destination), so the fire ends at once. Written on every result,
 *     {@code false} for {@code SUCCEEDED}; when absent (a result written before the field existed)
 *     it is {@code true} for {@code FAILED} and {@code TIMED_OUT}
 * @param retryAfter the earliest time the target asked to be called again ({@code Retry-After} on
 *     an HTTP 429 or 503), already turned into an instant by the worker; the scheduler's retry
 *     waits for it, but never longer than the retry policy's {@code maxBackoff}. Only on a
 *     retryable failure; absent otherwise, and on results written before the field existed
 */
@JsonPropertyOrder({
  "fireId",
  "jobId",
  "attempt",
  "trigger",
  "status",
  "scheduledAt",
  "dueAt",
  "startedAt",
  "finishedAt",
  "workerId",
  "detail",
  "error",
  "retryable",
  "retryAfter"
})
public record ExecutionFinished(
    String fireId,
    String jobId,
    int attempt,
    Trigger trigger,
    ExecutionStatus status,
    Instant scheduledAt,
    Instant dueAt,
    Instant startedAt,
    Instant finishedAt,
    String workerId,
    ObjectNode detail,
    @Nullable String error,
    Boolean retryable,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Instant retryAfter) {

  public ExecutionFinished {
    Objects.requireNonNull(fireId, "fireId");
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(trigger, "trigger");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(workerId, "workerId");
    if (attempt < 1) {
      throw new IllegalArgumentException(
          "attempt must be at least 1 (attempts are counted from 1), was " + attempt);
    }
    detail = detail == null ? JsonNodeFactory.instance.objectNode() : detail;
    scheduledAt = scheduledAt.truncatedTo(ChronoUnit.MILLIS);
    dueAt = dueAt.truncatedTo(ChronoUnit.MILLIS);
    startedAt = startedAt.truncatedTo(ChronoUnit.MILLIS);
    finishedAt = finishedAt.truncatedTo(ChronoUnit.MILLIS);
    if (status == ExecutionStatus.SUCCEEDED && error != null) {
      throw new IllegalArgumentException("a succeeded execution has no error");
    }
    if (status != ExecutionStatus.SUCCEEDED && (error == null || error.isBlank())) {
      throw new IllegalArgumentException("a " + status + " execution needs an error message");
    }
    retryable = retryable == null ? status.isRetryable() : retryable;
    if (retryable && !status.isRetryable()) {
      throw new IllegalArgumentException("a " + status + " execution cannot be retried");
    }
    if (retryAfter != null && !retryable) {
      throw new IllegalArgumentException("only a retryable failure has a retryAfter");
    }
    retryAfter = retryAfter == null ? null : retryAfter.truncatedTo(ChronoUnit.MILLIS);
  }

  /** A result without {@code retryAfter}. */
  public ExecutionFinished(
      String fireId,
      String jobId,
      int attempt,
      Trigger trigger,
      ExecutionStatus status,
      Instant scheduledAt,
      Instant dueAt,
      Instant startedAt,
      Instant finishedAt,
      String workerId,
      ObjectNode detail,
      @Nullable String error,
      Boolean retryable) {
    this(
        fireId,
        jobId,
        attempt,
        trigger,
        status,
        scheduledAt,
        dueAt,
        startedAt,
        finishedAt,
        workerId,
        detail,
        error,
        retryable,
        null);
  }

  /** This result with {@code retryAfter} (a retryable failure only). */
  public ExecutionFinished withRetryAfter(@Nullable Instant newRetryAfter) {
    return new ExecutionFinished(
        fireId,
        jobId,
        attempt,
        trigger,
        status,
        scheduledAt,
        dueAt,
        startedAt,
        finishedAt,
        workerId,
        detail,
        error,
        retryable,
        newRetryAfter);
  }

  public static ExecutionFinished succeeded(
      JobFired fire, String workerId, Instant startedAt, Instant finishedAt, ObjectNode detail) {
    return of(
        fire, ExecutionStatus.SUCCEEDED, workerId, startedAt, finishedAt, detail, null, false);
  }

  public static ExecutionFinished failed(
      JobFired fire,
      String workerId,
      Instant startedAt,
      Instant finishedAt,
      ObjectNode detail,
      String error) {
    return of(fire, ExecutionStatus.FAILED, workerId, startedAt, finishedAt, detail, error, true);
  }

  /**
   * A failed attempt that must not be retried, whatever the job's retry policy says: another
   * attempt would fail the same way, so the scheduler ends the fire at once.
   */
  public static ExecutionFinished failedPermanently(
      JobFired fire,
      String workerId,
      Instant startedAt,
      Instant finishedAt,
      ObjectNode detail,
      String error) {
    return of(fire, ExecutionStatus.FAILED, workerId, startedAt, finishedAt, detail, error, false);
  }

  public static ExecutionFinished timedOut(
      JobFired fire,
      String workerId,
      Instant startedAt,
      Instant finishedAt,
      ObjectNode detail,
      String error) {
    return of(
        fire, ExecutionStatus.TIMED_OUT, workerId, startedAt, finishedAt, detail, error, true);
  }

  private static ExecutionFinished of(
      JobFired fire,
      ExecutionStatus status,
      String workerId,
      Instant startedAt,
      Instant finishedAt,
      ObjectNode detail,
      @Nullable String error,
      boolean retryable) {
    return new ExecutionFinished(
        fire.fireId(),
        fire.jobId(),
        fire.attempt(),
        fire.trigger(),
        status,
        fire.scheduledAt(),
        fire.dueAt(),
        startedAt,
        finishedAt,
        workerId,
        detail,
        error,
        retryable);
  }
}
