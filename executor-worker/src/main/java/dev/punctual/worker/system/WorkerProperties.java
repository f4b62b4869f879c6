package dev.punctual.worker.system;

import dev.punctual.worker.http.Cidr;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the executor worker ({@code punctual.worker.*}). Every property is optional.
 *
 * @param topicPrefix prefix of every Punctual topic ({@value #DEFAULT_TOPIC_PREFIX}); the worker
 *     reads {@code <prefix>fires} and writes {@code <prefix>results} and {@code
 *     <prefix>dead-letter}
 * @param groupId Kafka consumer group of all workers of one installation ({@value
 *     #DEFAULT_GROUP_ID}); the fires' partitions are shared among its members
 * @param workerId this instance's id, written on every result and part of its transactional id
 *     ({@code punctual-worker-<workerId>}); defaults to the host name plus a short random suffix,
 *     so two instances never share one
 * @param maxConcurrentExecutions how many fires may execute at the same time ({@value
 *     #DEFAULT_MAX_CONCURRENT_EXECUTIONS}); when reached, the worker pauses its partitions until an
 *     execution finishes
 * @param maxUncommittedFires how many consumed fires may wait for their commit ({@value
 *     #DEFAULT_MAX_UNCOMMITTED_FIRES}): executing, or finished and waiting for an earlier fire of
 *     the same partition; when reached, the worker pauses its partitions. Bounds memory when one
 *     slow fire holds back the commit of its partition
 * @param maxHttpTimeout the longest an HTTP target may wait for its answer (5 min); a target asking
 *     for more is capped to this
 * @param responseBodyExcerptBytes how many bytes of an HTTP answer's body are kept in the result's
 *     {@code detail.body} ({@value #DEFAULT_RESPONSE_BODY_EXCERPT_BYTES}); the rest is discarded
 * @param commitInterval how often the worker commits finished fires (100 ms): results, Kafka target
 *     records and offsets in one transaction. Shorter means fresher results and more transactions
 * @param shutdownGracePeriod how long a stopping worker lets running executions finish (30 s);
 *     fires still running after it are not committed, and the next owner of their partition
 *     executes them again
 * @param revokeGracePeriod how long the worker lets running executions of partitions that a
 *     rebalance moves to another worker finish, so that their results are committed rather than the
 *     fires executed again by the new owner ({@code 5 s}); it delays that handover by as much
 * @param allowedHosts host names (exact, case-insensitive) that HTTP targets may call even though
 *     they resolve to loopback, private, shared or other non-public addresses (none by default).
 *     Never opens link-local or cloud metadata addresses. See {@link
 *     dev.punctual.worker.http.DestinationRules}
 * @param allowedCidrs address ranges ({@code 10.0.0.0/8}, {@code ::1/128}; a bare address means
 *     itself) that HTTP targets may call although they are not public (none by default). A
 *     link-local address is opened only by a range inside {@code 169.254.0.0/16} or {@code
 *     fe80::/10}; cloud metadata addresses are never opened. To allow loopback, as the standalone
 *     system does: {@code 127.0.0.0/8,::1/128}
 * @param allowedTopics globs ({@code orders.*,audit-?}; {@code *} any characters, {@code ?} one)
 *     naming the only topics Kafka targets may write to (unset: any topic). Reserved topics are
 *     refused whatever this says: every topic starting with the topic prefix, ending in {@code
 *     -changelog} or {@code -repartition}, or starting with {@code __}. See {@link
 *     dev.punctual.worker.kafka.TopicRules}
 * @param secretsDir the directory of secret files (unset: none): {@code {{secret.NAME}}} in a
 *     target is the content of the file {@code NAME} there (without one trailing line break), else
 *     the environment variable {@code PUNCTUAL_SECRET_NAME} (the name upper-cased, every character
 *     but a letter or digit as {@code _}). Files are read at every execution, so rotated secrets
 *     apply at once. See {@link dev.punctual.worker.secret.Secrets}
 */
@ConfigurationProperties("punctual.worker")
public record WorkerProperties(
    @Nullable String topicPrefix,
    @Nullable String groupId,
    @Nullable String workerId,
    @Nullable Integer maxConcurrentExecutions,
    @Nullable Integer maxUncommittedFires,
    @Nullable Duration maxHttpTimeout,
    @Nullable Integer responseBodyExcerptBytes,
    @Nullable Duration commitInterval,
    @Nullable Duration shutdownGracePeriod,
    @Nullable Duration revokeGracePeriod,
    @Nullable List<String> allowedHosts,
    @Nullable List<String> allowedCidrs,
    @Nullable List<String> allowedTopics,
    @Nullable Path secretsDir) {

  public static final String DEFAULT_TOPIC_PREFIX = "scheduler.";
  public static final String DEFAULT_GROUP_ID = "punctual-worker";
  public static final int DEFAULT_MAX_CONCURRENT_EXECUTIONS = 1000;
  public static final int DEFAULT_MAX_UNCOMMITTED_FIRES = 10_000;
  public static final Duration DEFAULT_MAX_HTTP_TIMEOUT = Duration.ofMinutes(5);
  public static final int DEFAULT_RESPONSE_BODY_EXCERPT_BYTES = 4096;
  public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(100);
  public static final Duration DEFAULT_SHUTDOWN_GRACE_PERIOD = Duration.ofSeconds(30);
  public static final Duration DEFAULT_REVOKE_GRACE_PERIOD = Duration.ofSeconds(5);

  public WorkerProperties {
    topicPrefix = topicPrefix == null ? DEFAULT_TOPIC_PREFIX : topicPrefix;
    groupId = groupId == null || groupId.isBlank() ? DEFAULT_GROUP_ID : groupId;
    workerId = workerId == null || workerId.isBlank() ? defaultWorkerId() : workerId;
    maxConcurrentExecutions =
        positive(
            "max-concurrent-executions",
            maxConcurrentExecutions,
            DEFAULT_MAX_CONCURRENT_EXECUTIONS);
    maxUncommittedFires =
        positive("max-uncommitted-fires", maxUncommittedFires, DEFAULT_MAX_UNCOMMITTED_FIRES);
    maxHttpTimeout = positive("max-http-timeout", maxHttpTimeout, DEFAULT_MAX_HTTP_TIMEOUT);
    responseBodyExcerptBytes =
        responseBodyExcerptBytes == null
            ? DEFAULT_RESPONSE_BODY_EXCERPT_BYTES
            : atLeastZero("response-body-excerpt-bytes", responseBodyExcerptBytes);
    commitInterval = positive("commit-interval", commitInterval, DEFAULT_COMMIT_INTERVAL);
    shutdownGracePeriod =
        shutdownGracePeriod == null
            ? DEFAULT_SHUTDOWN_GRACE_PERIOD
            : atLeastZero("shutdown-grace-period", shutdownGracePeriod);
    revokeGracePeriod =
        revokeGracePeriod == null
            ? DEFAULT_REVOKE_GRACE_PERIOD
            : atLeastZero("revoke-grace-period", revokeGracePeriod);
    allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
    allowedCidrs = allowedCidrs == null ? List.of() : List.copyOf(allowedCidrs);
    cidrs(allowedCidrs);
    allowedTopics = allowedTopics == null ? List.of() : List.copyOf(allowedTopics);
  }

  /** {@link #allowedCidrs} parsed. */
  public List<Cidr> cidrs() {
    return cidrs(allowedCidrs);
  }

  private static List<Cidr> cidrs(List<String> texts) {
    return texts.stream()
        .filter(text -> !text.isBlank())
        .map(
            text -> {
              try {
                return Cidr.parse(text);
              } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                    "punctual.worker.allowed-cidrs: " + e.getMessage(), e);
              }
            })
        .toList();
  }

  /** All defaults, with the given worker id. */
  public static WorkerProperties withWorkerId(String workerId) {
    return new WorkerProperties(
        null, null, workerId, null, null, null, null, null, null, null, null, null, null, null);
  }

  /** {@code <host name>-<6 random hex digits>}. */
  static String defaultWorkerId() {
    var suffix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(2);
    return hostName() + "-" + suffix;
  }

  private static String hostName() {
    try {
      var name = InetAddress.getLocalHost().getHostName();
      return name == null || name.isBlank() ? "worker" : name;
    } catch (UnknownHostException e) {
      var env = System.getenv("HOSTNAME");
      return env == null || env.isBlank() ? "worker" : env;
    }
  }

  private static int positive(String name, @Nullable Integer value, int fallback) {
    if (value == null) {
      return fallback;
    }
    if (value < 1) {
      throw new IllegalArgumentException(
          "punctual.worker." + name + " must be at least 1, got " + value);
    }
    return value;
  }

  private static int atLeastZero(String name, int value) {
    if (value < 0) {
      throw new IllegalArgumentException(
          "punctual.worker." + name + " must not be negative, got " + value);
    }
    return value;
  }

  private static Duration positive(String name, @Nullable Duration value, Duration fallback) {
    if (value == null) {
      return fallback;
    }
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(
          "punctual.worker." + name + " must be a positive duration, got " + value);
    }
    return value;
  }

  private static Duration atLeastZero(String name, Duration value) {
    if (value.isNegative()) {
      throw new IllegalArgumentException(
          "punctual.worker." + name + " must not be negative, got " + value);
    }
    return value;
  }
}
