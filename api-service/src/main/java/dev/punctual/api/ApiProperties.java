package dev.punctual.api;

import dev.punctual.model.topic.Topics;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the API service, under {@code punctual.api}. A property left out is {@code null} when
 * bound and takes its default (the {@code DEFAULT_*} constants) in the constructor.
 *
 * @param topicPrefix prefix of every Kafka topic name; {@value Topics#DEFAULT_PREFIX} by default
 * @param outboxPollInterval how long the outbox relay waits before looking again when the outbox
 *     was empty; 50 ms by default. The instance that wrote a row wakes its relay when the
 *     transaction commits, so a definition reaches Kafka without waiting for the poll; the poll
 *     finds rows another instance left behind (it stopped or died before relaying them). A full
 *     batch is followed at once by the next one.
 * @param outboxBatchSize at most this many outbox rows are published in one transaction; 500 by
 *     default
 * @param retryBackoff how long a background loop (outbox relay, projections) waits after a failure
 *     (database or Kafka unreachable) before it tries again; 2 s by default
 * @param defaultPageSize page size of a list when the request gives no {@code limit}; 50 by default
 * @param maxPageSize the largest {@code limit} a list request may ask for; 500 by default
 * @param maxRequestBodySize the largest request body the API reads, and the largest definition in a
 *     batch; a larger body is answered 413, also when it is sent chunked without a length; 256 KiB
 *     by default
 * @param maxBatchRequestBodySize the largest body of {@code POST /jobs/batch}; 8 MiB by default
 * @param maxBatchSize the most jobs {@code POST /jobs/batch} takes at once; 1,000 by default
 * @param consumerGroupId prefix of the consumer groups of the projections of Kafka topics into
 *     PostgreSQL ({@code <prefix>.jobs}, {@code <prefix>.fires}, {@code <prefix>.results}); {@code
 *     punctual-api} by default. All instances of the API share them.
 * @param idempotencyKeyRetention how long an {@code Idempotency-Key} of {@code POST /jobs} is
 *     remembered; a retry after that creates another job; 24 h by default
 * @param unavailableRetryAfter the {@code Retry-After} of a 503 answered while PostgreSQL is
 *     unreachable; 5 s by default
 * @param rateLimit the request budget of each caller, shared by every instance ({@code
 *     punctual.api.rate-limit.*})
 * @param security who may call the API ({@code punctual.api.security.*}); on by default
 * @param events the live event stream of the dashboard ({@code punctual.api.events.*})
 * @param jwtIssuerUri the OAuth2 issuer whose JWTs are accepted as bearer tokens (env {@code
 *     PUNCTUAL_API_JWT_ISSUER_URI}); its keys are found through its OpenID/OAuth metadata and a
 *     token's {@code iss} must equal it. Unset (and no {@code jwtJwkSetUri}): no JWT is accepted.
 * @param jwtJwkSetUri the JWK set of the issuer whose JWTs are accepted (env {@code
 *     PUNCTUAL_API_JWT_JWK_SET_URI}); used instead of the issuer's metadata when both are given,
 *     and the {@code iss} is then still checked against {@code jwtIssuerUri}
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
    DataSize maxBatchRequestBodySize,
    Integer maxBatchSize,
    String consumerGroupId,
    Duration idempotencyKeyRetention,
    Duration unavailableRetryAfter,
    RateLimit rateLimit,
    Security security,
    Events events,
    @Nullable String jwtIssuerUri,
    @Nullable String jwtJwkSetUri) {

  public static final Duration DEFAULT_OUTBOX_POLL_INTERVAL = Duration.ofMillis(50);
  public static final int DEFAULT_OUTBOX_BATCH_SIZE = 500;
  public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofSeconds(2);
  public static final int DEFAULT_PAGE_SIZE = 50;
  public static final int DEFAULT_MAX_PAGE_SIZE = 500;
  public static final DataSize DEFAULT_MAX_REQUEST_BODY_SIZE = DataSize.ofKilobytes(256);
  public static final DataSize DEFAULT_MAX_BATCH_REQUEST_BODY_SIZE = DataSize.ofMegabytes(8);
  public static final int DEFAULT_MAX_BATCH_SIZE = 1_000;
  public static final String DEFAULT_CONSUMER_GROUP_ID = "punctual-api";
  public static final Duration DEFAULT_IDEMPOTENCY_KEY_RETENTION = Duration.ofHours(24);
  public static final Duration DEFAULT_UNAVAILABLE_RETRY_AFTER = Duration.ofSeconds(5);

  public ApiProperties {
    topicPrefix = topicPrefix == null ? Topics.DEFAULT_PREFIX : topicPrefix;
    outboxPollInterval = or(outboxPollInterval, DEFAULT_OUTBOX_POLL_INTERVAL);
    outboxBatchSize = or(outboxBatchSize, DEFAULT_OUTBOX_BATCH_SIZE);
    retryBackoff = or(retryBackoff, DEFAULT_RETRY_BACKOFF);
    defaultPageSize = or(defaultPageSize, DEFAULT_PAGE_SIZE);
    maxPageSize = or(maxPageSize, DEFAULT_MAX_PAGE_SIZE);
    maxRequestBodySize = or(maxRequestBodySize, DEFAULT_MAX_REQUEST_BODY_SIZE);
    maxBatchRequestBodySize = or(maxBatchRequestBodySize, DEFAULT_MAX_BATCH_REQUEST_BODY_SIZE);
    maxBatchSize = or(maxBatchSize, DEFAULT_MAX_BATCH_SIZE);
    consumerGroupId = or(consumerGroupId, DEFAULT_CONSUMER_GROUP_ID);
    idempotencyKeyRetention = or(idempotencyKeyRetention, DEFAULT_IDEMPOTENCY_KEY_RETENTION);
    unavailableRetryAfter = or(unavailableRetryAfter, DEFAULT_UNAVAILABLE_RETRY_AFTER);
    rateLimit = or(rateLimit, new RateLimit(null, null, null, null));
    security = or(security, new Security(null, null));
    events = or(events, new Events(null, null, null, null));
    jwtIssuerUri = blankToNull(jwtIssuerUri);
    jwtJwkSetUri = blankToNull(jwtJwkSetUri);
    require(outboxPollInterval.isPositive(), "outbox-poll-interval must be positive");
    require(outboxBatchSize >= 1, "outbox-batch-size must be at least 1");
    require(retryBackoff.isPositive(), "retry-backoff must be positive");
    require(maxPageSize >= 1, "max-page-size must be at least 1");
    require(
        defaultPageSize >= 1 && defaultPageSize <= maxPageSize,
        "default-page-size must be between 1 and max-page-size");
    require(maxRequestBodySize.toBytes() >= 1, "max-request-body-size must be positive");
    require(maxBatchRequestBodySize.toBytes() >= 1, "max-batch-request-body-size must be positive");
    require(maxBatchSize >= 1, "max-batch-size must be at least 1");
    require(!consumerGroupId.isBlank(), "consumer-group-id must not be blank");
    require(idempotencyKeyRetention.isPositive(), "idempotency-key-retention must be positive");
    require(unavailableRetryAfter.toSeconds() >= 1, "unavailable-retry-after must be at least 1 s");
  }

  /** The defaults, for tests. */
  public static ApiProperties defaults() {
    return new ApiProperties(
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null);
  }

  /**
   * The request budget of each caller (API key, JWT subject, or remote address with security off),
   * a token bucket shared by every API instance through PostgreSQL. A caller may send {@code burst}
   * requests at once and {@code requestsPerSecond} on average; past that it is answered 429.
   *
   * @param enabled whether requests are limited ({@code PUNCTUAL_API_RATE_LIMIT_ENABLED}); {@code
   *     true} by default
   * @param requestsPerSecond the sustained rate of one caller ({@code
   *     PUNCTUAL_API_RATE_LIMIT_REQUESTS_PER_SECOND}); {@value #DEFAULT_REQUESTS_PER_SECOND} by
   *     default
   * @param burst the most requests one caller may send at once, the bucket's capacity ({@code
   *     PUNCTUAL_API_RATE_LIMIT_BURST}); {@value #DEFAULT_BURST} by default, at least {@code
   *     requestsPerSecond}
   * @param syncInterval how long an instance may answer a caller from its own copy of the caller's
   *     bucket before it writes what it took to PostgreSQL and reads what the other instances took
   *     ({@code PUNCTUAL_API_RATE_LIMIT_SYNC_INTERVAL}); 100 ms by default. It also writes back as
   *     soon as it took a tenth of the burst ({@link #unsynchronizedRequests()}). So one instance
   *     enforces its callers' budgets exactly, while all instances together may let a caller
   *     through up to that tenth of the burst per instance more than the budget; {@code
   *     RateLimit-Remaining} is this instance's view. {@code 0} asks PostgreSQL on every request
   *     (concurrent requests of one caller share one transaction): exact across instances, one
   *     transaction per request.
   */
  public record RateLimit(
      Boolean enabled, Integer requestsPerSecond, Integer burst, Duration syncInterval) {

    public static final int DEFAULT_REQUESTS_PER_SECOND = 100;
    public static final int DEFAULT_BURST = 200;
    public static final Duration DEFAULT_SYNC_INTERVAL = Duration.ofMillis(100);

    public RateLimit {
      enabled = or(enabled, true);
      requestsPerSecond = or(requestsPerSecond, DEFAULT_REQUESTS_PER_SECOND);
      burst = or(burst, Math.max(DEFAULT_BURST, requestsPerSecond));
      syncInterval = or(syncInterval, DEFAULT_SYNC_INTERVAL);
      require(requestsPerSecond >= 1, "rate-limit.requests-per-second must be at least 1");
      require(burst >= requestsPerSecond, "rate-limit.burst must be at least requests-per-second");
      require(!syncInterval.isNegative(), "rate-limit.sync-interval must not be negative");
    }

    /** Requests an instance may take from a caller's bucket before it writes them back. */
    public long unsynchronizedRequests() {
      return Math.max(1, burst / 10);
    }
  }

  /**
   * The live event stream of fires and results ({@code GET /events}, {@code GET /jobs/{id}/events})
   * that the dashboard follows, under {@code punctual.api.events}.
   *
   * @param maxConnections the most streams one instance serves at once ({@code
   *     PUNCTUAL_API_EVENTS_MAX_CONNECTIONS}); {@value #DEFAULT_MAX_CONNECTIONS} by default. One
   *     more is answered 503 with {@code Retry-After}. Each stream holds an HTTP connection and a
   *     virtual thread.
   * @param heartbeat how long a stream may stay silent before a comment line is sent, so that
   *     proxies keep it open and a client that went away is noticed ({@code
   *     PUNCTUAL_API_EVENTS_HEARTBEAT}); 15 s by default
   * @param timeout how long one stream lasts; the client then reconnects, which also checks its
   *     credential again ({@code PUNCTUAL_API_EVENTS_TIMEOUT}); 30 min by default
   * @param queueCapacity how many events may wait for one slow client; when they are more, the
   *     client is disconnected rather than the projection held up ({@code
   *     PUNCTUAL_API_EVENTS_QUEUE_CAPACITY}); {@value #DEFAULT_QUEUE_CAPACITY} by default
   */
  public record Events(
      Integer maxConnections, Duration heartbeat, Duration timeout, Integer queueCapacity) {

    public static final int DEFAULT_MAX_CONNECTIONS = 100;
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(15);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);
    public static final int DEFAULT_QUEUE_CAPACITY = 1_000;

    public Events {
      maxConnections = or(maxConnections, DEFAULT_MAX_CONNECTIONS);
      heartbeat = or(heartbeat, DEFAULT_HEARTBEAT);
      timeout = or(timeout, DEFAULT_TIMEOUT);
      queueCapacity = or(queueCapacity, DEFAULT_QUEUE_CAPACITY);
      require(maxConnections >= 0, "events.max-connections must not be negative");
      require(heartbeat.toMillis() >= 1, "events.heartbeat must be at least 1 ms");
      require(timeout.compareTo(heartbeat) > 0, "events.timeout must be longer than the heartbeat");
      require(queueCapacity >= 1, "events.queue-capacity must be at least 1");
    }
  }

  /** The topics of this installation. */
  public Topics topics() {
    return new Topics(topicPrefix);
  }

  /** The consumer group of the projection of one topic, e.g. {@code punctual-api.jobs}. */
  public String consumerGroup(String projection) {
    return consumerGroupId + "." + projection;
  }

  /** Whether JWTs of an operator's issuer are accepted. */
  public boolean acceptsJwt() {
    return jwtIssuerUri != null || jwtJwkSetUri != null;
  }

  /**
   * Who may call the API, under {@code punctual.api.security}.
   *
   * @param enabled whether a request needs a credential (env {@code
   *     PUNCTUAL_API_SECURITY_ENABLED}); {@code true} by default. Off, every request may do
   *     everything in every namespace: the standalone turns it off and then listens on loopback
   *     only.
   * @param bootstrapAdminKey a bearer token that works as a key with scope {@code admin} (env
   *     {@code PUNCTUAL_API_SECURITY_BOOTSTRAP_ADMIN_KEY}), to issue the first API keys with {@code
   *     POST /admin/api-keys}; unset (or blank) for none. Use a long random string.
   */
  public record Security(Boolean enabled, @Nullable String bootstrapAdminKey) {

    public Security {
      enabled = or(enabled, true);
      bootstrapAdminKey = blankToNull(bootstrapAdminKey);
    }
  }

  private static @Nullable String blankToNull(@Nullable String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private static <T> T or(T value, T defaultValue) {
    return value == null ? defaultValue : value;
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException("punctual.api." + message);
    }
  }
}
