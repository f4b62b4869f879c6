package dev.punctual.worker.kafka;

import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the cluster (through the admin client) whether a topic exists and how large a record it
 * accepts ({@code max.message.bytes}), before the record joins the worker's transaction. This
 * matters because the producer does not fail fast on either: it waits up to {@code max.block.ms}
 * for the metadata of a missing topic, and it splits and resends a batch the topic finds too large,
 * and then it poisons the whole transaction, which would hold back every other fire committed with
 * it.
 *
 * <p>What is learnt about an existing topic is kept (a Caffeine cache): after {@link
 * #REMEMBER_EXISTING} the next check still answers from it at once and asks the cluster again in
 * the background. So a broker slow to answer (overloaded, restarting) fails no fire to a topic
 * known to exist; an answer the cluster has not confirmed for {@link #STALE_LIMIT} is dropped, and
 * a topic found deleted is forgotten. A missing topic is not kept, so a topic created later is used
 * at once.
 *
 * <p>A missing topic, a topic the worker may not access and a record larger than the topic accepts
 * are final: the worker never creates topics (it checks before writing, so the broker's {@code
 * auto.create.topics.enable} never applies), and another attempt minutes later would almost always
 * meet the same cluster. The fire ends at once with the reason; whoever creates the topic triggers
 * the job again. A cluster that does not answer in time about a topic not known yet may be retried.
 */
public final class AdminTopicCheck implements TopicCheck {

  private static final Logger log = LoggerFactory.getLogger(AdminTopicCheck.class);

  /** How long a topic known to exist is not checked again. */
  public static final Duration REMEMBER_EXISTING = Duration.ofMinutes(1);

  /** How long an answer the cluster does not confirm again (it does not answer) is still used. */
  public static final Duration STALE_LIMIT = Duration.ofMinutes(10);

  private final Admin admin;
  private final Duration timeout;
  private final LoadingCache<String, Known> existing;

  /**
   * @param admin shared admin client
   * @param timeout how long to wait for the cluster's answer
   */
  public AdminTopicCheck(Admin admin, Duration timeout) {
    this(admin, timeout, Ticker.systemTicker());
  }

  /** With the clock that ages what is known: a test's, to age it at will. */
  AdminTopicCheck(Admin admin, Duration timeout, Ticker ticker) {
    this.admin = admin;
    this.timeout = timeout;
    this.existing =
        Caffeine.newBuilder()
            .ticker(ticker)
            .refreshAfterWrite(REMEMBER_EXISTING)
            .expireAfterWrite(STALE_LIMIT)
            .maximumSize(10_000)
            // A refresh may wait for the cluster's answer as long as the timeout: on a virtual
            // thread, not on the common pool's few.
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build(
                new CacheLoader<>() {
                  @Override
                  public Known load(String topic) throws Exception {
                    return lookUp(topic, ticker.read());
                  }

                  @Override
                  public @Nullable Known reload(String topic, Known old) {
                    try {
                      return lookUp(topic, ticker.read());
                    } catch (ExecutionException e) {
                      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                        return null; // deleted: forget it, so that the next check finds out
                      }
                      return keep(topic, old, e.getCause());
                    } catch (TimeoutException e) {
                      return keep(topic, old, e);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                      return old;
                    }
                  }

                  /** The old answer, written again, while the cluster has confirmed it lately. */
                  private @Nullable Known keep(String topic, Known old, Throwable why) {
                    if (ticker.read() - old.confirmedNanos() >= STALE_LIMIT.toNanos()) {
                      return null;
                    }
                    log.debug("Keeping what is known about topic {}: {}", topic, why.toString());
                    return old;
                  }
                });
  }

  @Override
  public Optional<String> problem(String topic, int recordBytes) {
    return check(topic, recordBytes).map(Problem::reason);
  }

  @Override
  public Optional<Problem> check(String topic, int recordBytes) {
    Known known;
    try {
      known = existing.get(topic);
    } catch (CompletionException e) {
      return Optional.of(problemOf(topic, e.getCause()));
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

  private Problem problemOf(String topic, Throwable failure) {
    return switch (failure) {
      case ExecutionException e -> describe(topic, e.getCause());
      case TimeoutException e -> Problem.retryable(unanswered(topic));
      case InterruptedException e -> {
        Thread.currentThread().interrupt();
        yield Problem.retryable("the worker stopped before it could check topic " + topic);
      }
      default -> describe(topic, failure);
    };
  }

  private Known lookUp(String topic, long nowNanos)
      throws ExecutionException, TimeoutException, InterruptedException {
    var options = new DescribeTopicsOptions().timeoutMs((int) timeout.toMillis());
    admin
        .describeTopics(List.of(topic), options)
        .allTopicNames()
        .get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    return new Known(maxMessageBytes(topic), nowNanos);
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

  /** What is known about an existing topic, and when the cluster last said so (ticker time). */
  private record Known(int maxMessageBytes, long confirmedNanos) {}
}
