package dev.punctual.worker.kafka;

import java.util.Optional;

/** Whether a Kafka target's topic can be written to. */
@FunctionalInterface
public interface TopicCheck {

  /**
   * Why a record cannot be written to {@code topic}, as a message a person can act on (for example
   * "topic orders does not exist"); empty when it can.
   */
  Optional<String> problem(String topic);
}
