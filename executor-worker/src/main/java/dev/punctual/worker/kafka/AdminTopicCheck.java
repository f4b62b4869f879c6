package dev.punctual.worker.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Asks the cluster (through the admin client) whether a topic exists, before the record joins the
 * worker's transaction. This matters because the producer does not fail fast on a missing topic: it
 * waits up to {@code max.block.ms} for metadata and then poisons the whole transaction, which would
 * hold back every other fire committed with it. A positive answer is remembered for {@link
 * #REMEMBER_EXISTING}; a negative one is not, so a topic created later is used at once.
 */
public final class AdminTopicCheck implements TopicCheck {

  /** How long a topic known to exist is not checked again. */
  public static final Duration REMEMBER_EXISTING = Duration.ofMinutes(1);

  private final Admin admin;
  private final Duration timeout;
  private final ConcurrentHashMap<String, Long> existingUntilNanos = new ConcurrentHashMap<>();

  /**
   * @param admin shared admin client
   * @param timeout how long to wait for the cluster's answer
   */
  public AdminTopicCheck(Admin admin, Duration timeout) {
    this.admin = admin;
    this.timeout = timeout;
  }

  @Override
  public Optional<String> problem(String topic) {
    var until = existingUntilNanos.get(topic);
    if (until != null && System.nanoTime() - until < 0) {
      return Optional.empty();
    }
    var options = new DescribeTopicsOptions().timeoutMs((int) timeout.toMillis());
    try {
      admin
          .describeTopics(List.of(topic), options)
          .allTopicNames()
          .get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
      existingUntilNanos.put(topic, System.nanoTime() + REMEMBER_EXISTING.toNanos());
      return Optional.empty();
    } catch (ExecutionException e) {
      return Optional.of(describe(topic, e.getCause()));
    } catch (TimeoutException e) {
      return Optional.of(unanswered(topic));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("the worker stopped before it could check topic " + topic);
    }
  }

  private String describe(String topic, Throwable cause) {
    return switch (cause) {
      case UnknownTopicOrPartitionException unknown -> "topic " + topic + " does not exist";
      case TopicAuthorizationException denied -> "the worker may not access topic " + topic;
      case org.apache.kafka.common.errors.TimeoutException slow -> unanswered(topic);
      default -> "cannot check topic " + topic + ": " + cause.getMessage();
    };
  }

  private String unanswered(String topic) {
    return "Kafka did not say within "
        + timeout.toSeconds()
        + " s whether topic "
        + topic
        + " exists";
  }
}
