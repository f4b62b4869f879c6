package dev.punctual.worker.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Asks the cluster (through the admin client) whether a topic exists and how large a record it
 * accepts ({@code max.message.bytes}), before the record joins the worker's transaction. This
 * matters because the producer does not fail fast on either: it waits up to {@code max.block.ms}
 * for the metadata of a missing topic, and it splits and resends a batch the topic finds too large,
 * and then it poisons the whole transaction, which would hold back every other fire committed with
 * it. What is learnt about an existing topic is remembered for {@link #REMEMBER_EXISTING}; a
 * missing topic is not, so a topic created later is used at once.
 *
 * <p>A missing topic, a topic the worker may not access and a record larger than the topic accepts
 * are final: the worker never creates topics (it checks before writing, so the broker's {@code
 * auto.create.topics.enable} never applies), and another attempt minutes later would almost always
 * meet the same cluster. The fire ends at once with the reason; whoever creates the topic triggers
 * the job again. A cluster that does not answer in time may be retried.
 */
public final class AdminTopicCheck implements TopicCheck {

  /** How long a topic known to exist is not checked again. */
  public static final Duration REMEMBER_EXISTING = Duration.ofMinutes(1);

  private final Admin admin;
  private final Duration timeout;
  private final ConcurrentHashMap<String, Known> existing = new ConcurrentHashMap<>();

  /**
   * @param admin shared admin client
   * @param timeout how long to wait for the cluster's answer
   */
  public AdminTopicCheck(Admin admin, Duration timeout) {
    this.admin = admin;
    this.timeout = timeout;
  }

  @Override
  public Optional<String> problem(String topic, int recordBytes) {
    return check(topic, recordBytes).map(Problem::reason);
  }

  @Override
  public Optional<Problem> check(String topic, int recordBytes) {
    var known = existing.get(topic);
    if (known == null || System.nanoTime() - known.untilNanos() >= 0) {
      try {
        known = lookUp(topic);
      } catch (ExecutionException e) {
        return Optional.of(describe(topic, e.getCause()));
      } catch (TimeoutException e) {
        return Optional.of(Problem.retryable(unanswered(topic)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.of(
            Problem.retryable("the worker stopped before it could check topic " + topic));
      }
      existing.put(topic, known);
    }
    if (recordBytes > known.maxMessageBytes()) {
      return Optional.of(
          Problem.of(
              "the record would be about "
                  + recordBytes
                  + " bytes, more than the "
                  + known.maxMessageBytes()
                  + " bytes topic "
                  + topic
                  + " accepts (max.message.bytes)"));
    }
    return Optional.empty();
  }

  private Known lookUp(String topic)
      throws ExecutionException, TimeoutException, InterruptedException {
    var options = new DescribeTopicsOptions().timeoutMs((int) timeout.toMillis());
    admin
        .describeTopics(List.of(topic), options)
        .allTopicNames()
        .get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    return new Known(maxMessageBytes(topic), System.nanoTime() + REMEMBER_EXISTING.toNanos());
  }

  /** The topic's {@code max.message.bytes}; unlimited when the worker may not read it. */
  private int maxMessageBytes(String topic) throws TimeoutException, InterruptedException {
    var resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    var options = new DescribeConfigsOptions().timeoutMs((int) timeout.toMillis());
    try {
      var config =
          admin
              .describeConfigs(List.of(resource), options)
              .values()
              .get(resource)
              .get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS)
              .get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
      return config == null || config.value() == null
          ? Integer.MAX_VALUE
          : Integer.parseInt(config.value());
    } catch (ExecutionException | NumberFormatException e) {
      // The broker still enforces the limit; the check only fails earlier and more clearly.
      return Integer.MAX_VALUE;
    }
  }

  private Problem describe(String topic, Throwable cause) {
    return switch (cause) {
      case UnknownTopicOrPartitionException unknown ->
          Problem.of(
              "topic "
                  + topic
                  + " does not exist; the worker does not create topics, so this fire is not"
                  + " retried: create the topic, then trigger the job again");
      case TopicAuthorizationException denied ->
          Problem.of("the worker may not access topic " + topic);
      case org.apache.kafka.common.errors.TimeoutException slow ->
          Problem.retryable(unanswered(topic));
      default -> Problem.retryable("cannot check topic " + topic + ": " + cause.getMessage());
    };
  }

  private String unanswered(String topic) {
    return "Kafka did not say within "
        + timeout.toSeconds()
        + " s whether topic "
        + topic
        + " exists";
  }

  /** What is known about an existing topic, until when. */
  private record Known(int maxMessageBytes, long untilNanos) {}
}
