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
}
