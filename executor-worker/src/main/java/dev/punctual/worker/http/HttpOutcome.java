package dev.punctual.worker.http;

import dev.punctual.model.event.ExecutionStatus;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * How one HTTP call ended.
 *
 * @param status {@code SUCCEEDED} for a 2xx answer, {@code TIMED_OUT} without an answer in time,
 *     {@code FAILED} otherwise
 * @param detail {@code httpStatus}, {@code body}, {@code bodyTruncated} when the target answered;
 *     always {@code durationMs}
 * @param error why it failed, for a person to act on; {@code null} on success
 * @param retryable whether the job's retry policy may retry it: {@code false} on success, for a
 *     destination the rules refuse and for a final HTTP status ({@link RetryClassification})
 * @param retryAfter the earliest time the target asked to be called again ({@code Retry-After} on a
 *     429 or 503); {@code null} when it did not ask
 */
public record HttpOutcome(
    ExecutionStatus status,
    ObjectNode detail,
    @Nullable String error,
    boolean retryable,
    @Nullable Instant retryAfter) {

  public HttpOutcome {
    if ((status == ExecutionStatus.SUCCEEDED) != (error == null)) {
      throw new IllegalArgumentException(
          "a " + status + " outcome " + (error == null ? "needs" : "has no") + " error message");
    }
    if (retryable && status == ExecutionStatus.SUCCEEDED) {
      throw new IllegalArgumentException("a succeeded outcome cannot be retried");
    }
  }

  /** An outcome without a {@code Retry-After}. */
  public HttpOutcome(
      ExecutionStatus status, ObjectNode detail, @Nullable String error, boolean retryable) {
    this(status, detail, error, retryable, null);
  }

  /** An outcome that the retry policy may retry unless it succeeded. */
  public HttpOutcome(ExecutionStatus status, ObjectNode detail, @Nullable String error) {
    this(status, detail, error, status != ExecutionStatus.SUCCEEDED);
  }
}
