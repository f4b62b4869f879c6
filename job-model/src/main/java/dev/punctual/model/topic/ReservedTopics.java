package dev.punctual.model.topic;

import dev.punctual.model.job.JobDefinition;
import dev.punctual.model.job.KafkaTarget;
import dev.punctual.model.validation.FieldError;
import dev.punctual.model.validation.InvalidJobDefinitionException;
import java.util.Objects;
import java.util.Optional;

/**
 * The topics a Kafka target must never write to, so that a job can neither forge Punctual's own
 * records (a fire, a definition, a result) nor corrupt the state of Kafka or of a Kafka Streams
 * application:
 *
 * <ul>
 *   <li>every topic whose name starts with the installation's topic prefix ({@code scheduler.} by
 *       default), existing or not; with an empty prefix, the installation's own topics by name;
 *   <li>every topic ending in {@code -changelog} or {@code -repartition}: the internal topics of
 *       Kafka Streams applications (the scheduler's, and any other's);
 *   <li>every topic starting with {@code __}: Kafka's internal topics, such as {@code
 *       __consumer_offsets} and {@code __transaction_state}.
 * </ul>
 *
 * <p>One rule for every module: the REST API refuses such a job ({@link #requireAllowed}), the
 * scheduler dead-letters such a definition read from the jobs topic, and the worker refuses such a
 * fire with a result that is not retried.
 *
 * @param topics the installation's topics, whose prefix is reserved
 */
public record ReservedTopics(Topics topics) {

  /** The field of a job definition that names a Kafka target's topic. */
  public static final String FIELD = "target.topic";

  private static final String CHANGELOG = "-changelog";
  private static final String REPARTITION = "-repartition";
  private static final String INTERNAL = "__";

  public ReservedTopics {
    Objects.requireNonNull(topics, "topics");
  }

  /** Whether a Kafka target must not write to {@code topic}. */
  public boolean isReserved(String topic) {
    return reason(topic).isPresent();
  }

  /**
   * Why a Kafka target must not write to {@code topic}, for a person to act on (it names the topic
   * and the rule); empty when it may.
   */
  public Optional<String> reason(String topic) {
    var prefix = topics.prefix();
    if (prefix.isEmpty() ? topics.all().contains(topic) : topic.startsWith(prefix)) {
      return Optional.of(
          "topic "
              + topic
              + " is one of Punctual's own topics"
              + (prefix.isEmpty() ? "" : " (every topic starting with '" + prefix + "')")
              + "; a Kafka target must write to another topic");
    }
    if (topic.endsWith(CHANGELOG) || topic.endsWith(REPARTITION)) {
      return Optional.of(
          "topic "
              + topic
              + " is named like an internal topic of Kafka Streams (names ending in "
              + CHANGELOG
              + " or "
              + REPARTITION
              + "); a Kafka target must write to another topic");
    }
    if (topic.startsWith(INTERNAL)) {
      return Optional.of(
          "topic "
              + topic
              + " is named like an internal topic of Kafka (names starting with "
              + INTERNAL
              + "); a Kafka target must write to another topic");
    }
    return Optional.empty();
  }

  /**
   * The error of a definition whose Kafka target writes to a reserved topic, against {@value
   * #FIELD}; empty for an HTTP target or an allowed topic.
   */
  public Optional<FieldError> check(JobDefinition definition) {
    return definition.target() instanceof KafkaTarget kafka
        ? reason(kafka.topic()).map(reason -> new FieldError(FIELD, reason))
        : Optional.empty();
  }

  /**
   * Refuses a definition whose Kafka target writes to a reserved topic, the way an invalid
   * definition is refused.
   *
   * @throws InvalidJobDefinitionException naming {@value #FIELD}
   */
  public void requireAllowed(JobDefinition definition) {
    var error = check(definition);
    if (error.isPresent()) {
      throw new InvalidJobDefinitionException(error.get());
    }
  }
}
