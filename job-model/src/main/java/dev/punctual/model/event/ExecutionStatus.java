package dev.punctual.model.event;

/** How one attempt of a fire ended. */
public enum ExecutionStatus {
  /** The target accepted the fire (a 2xx answer, or a Kafka record written). */
  SUCCEEDED,
  /** The target refused or could not be reached; the job's retry policy may retry. */
  FAILED,
  /** No answer within the target's timeout; the job's retry policy may retry. */
  TIMED_OUT;

  /**
   * Whether an attempt with this status is one the retry policy may retry; a result may still say
   * it is not ({@link ExecutionFinished#retryable()}).
   */
  public boolean isRetryable() {
    return this != SUCCEEDED;
  }
}
