package dev.punctual.api;

import dev.punctual.model.topic.Topics;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the API service, under {@code punctual.api}. A property left out is {@code null} when
 * bound and takes its default (the {@code DEFAULT_*} constants) in the constructor.
 *
 * @param topicPrefix prefix of every Kafka topic name; {@value Topics#DEFAULT_PREFIX} by default
 * @param outboxPollInterval how long the outbox relay waits before looking again when the outbox
 *     was empty; 50 ms by default, so a definition reaches Kafka within about that much after the
 *     API answered. A full batch is followed at once by the next one.
 * @param outboxBatchSize at most this many outbox rows are published in one transaction; 500 by
 *     default
 * @param retryBackoff how long a background loop (outbox relay, projections) waits after a failure
 *     (database or Kafka unreachable) before it tries again; 2 s by default
 * @param defaultPageSize page size of a list when the request gives no {@code limit}; 50 by default
 * @param maxPageSize the largest {@code limit} a list request may ask for; 500 by default
 * @param maxRequestBodySize the largest request body the API reads; a larger one is answered 413;
 *     256 KiB by default
 * @param consumerGroupId consumer group of the projections of Kafka topics into PostgreSQL; {@code
 *     punctual-api} by default. All instances of the API share it.
 */
@ConfigurationProperties("punctual.api")
public record ApiProperties(
    String topicPrefix,
    Duration outboxPollInterval,
    Integer outboxBatchSize,
    Duration retryBackoff,
    Integer defaultPageSize,
    Integer maxPageSize,
    DataSize maxRequestBodySize,
    String consumerGroupId) {

  public static final Duration DEFAULT_OUTBOX_POLL_INTERVAL = Duration.ofMillis(50);
  public static final int DEFAULT_OUTBOX_BATCH_SIZE = 500;
  public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofSeconds(2);
  public static final int DEFAULT_PAGE_SIZE = 50;
  public static final int DEFAULT_MAX_PAGE_SIZE = 500;
  public static final DataSize DEFAULT_MAX_REQUEST_BODY_SIZE = DataSize.ofKilobytes(256);
  public static final String DEFAULT_CONSUMER_GROUP_ID = "punctual-api";

  public ApiProperties {
    topicPrefix = topicPrefix == null ? Topics.DEFAULT_PREFIX : topicPrefix;
    outboxPollInterval =
        outboxPollInterval == null ? DEFAULT_OUTBOX_POLL_INTERVAL : outboxPollInterval;
    outboxBatchSize = outboxBatchSize == null ? DEFAULT_OUTBOX_BATCH_SIZE : outboxBatchSize;
    retryBackoff = retryBackoff == null ? DEFAULT_RETRY_BACKOFF : retryBackoff;
    defaultPageSize = defaultPageSize == null ? DEFAULT_PAGE_SIZE : defaultPageSize;
    maxPageSize = maxPageSize == null ? DEFAULT_MAX_PAGE_SIZE : maxPageSize;
    maxRequestBodySize =
        maxRequestBodySize == null ? DEFAULT_MAX_REQUEST_BODY_SIZE : maxRequestBodySize;
    consumerGroupId = consumerGroupId == null ? DEFAULT_CONSUMER_GROUP_ID : consumerGroupId;
    require(outboxPollInterval.isPositive(), "outbox-poll-interval must be positive");
    require(outboxBatchSize >= 1, "outbox-batch-size must be at least 1");
    require(retryBackoff.isPositive(), "retry-backoff must be positive");
    require(maxPageSize >= 1, "max-page-size must be at least 1");
    require(
        defaultPageSize >= 1 && defaultPageSize <= maxPageSize,
        "default-page-size must be between 1 and max-page-size");
    require(maxRequestBodySize.toBytes() >= 1, "max-request-body-size must be positive");
    require(!consumerGroupId.isBlank(), "consumer-group-id must not be blank");
  }

  /** The defaults, for tests. */
  public static ApiProperties defaults() {
    return new ApiProperties(null, null, null, null, null, null, null, null);
  }

  /** The topics of this installation. */
  public Topics topics() {
    return new Topics(topicPrefix);
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException("punctual.api." + message);
    }
  }
}
