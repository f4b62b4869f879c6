package dev.punctual.worker.kafka;

import java.util.Optional;

/** Whether a Kafka target's record can be written to its topic. */
@FunctionalInterface
public interface TopicCheck {

  /**
   * Why a record of about {@code recordBytes} bytes cannot be written to {@code topic}, as a
   * message a person can act on (for example "topic orders does not exist"); empty when it can.
   */
  Optional<String> problem(String topic, int recordBytes);

  /**
   * {@link #problem}, saying whether another attempt may meet it again; a check that does not say
   * lets the job's retry policy decide.
   */
  default Optional<Problem> check(String topic, int recordBytes) {
    return problem(topic, recordBytes).map(Problem::retryable);
  }

  /**
   * Why a record cannot be written.
   *
   * @param reason for a person to act on
   * @param retryable whether a later attempt may succeed without a change (the cluster did not
   *     answer in time); {@code false} when only a change of the cluster or the job helps
   */
  record Problem(String reason, boolean retryable) {

    /** A problem a later attempt may not meet. */
    public static Problem retryable(String reason) {
      return new Problem(reason, true);
    }

    /** A problem only a change of the cluster or the job removes. */
    public static Problem of(String reason) {
      return new Problem(reason, false);
    }
  }
}
