package dev.punctual.scheduler.system;

import dev.punctual.model.topic.Topics;
import dev.punctual.scheduler.topology.TopologySettings;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the scheduler, under {@code punctual.scheduler}. The Kafka bootstrap servers
 * (and security settings) come from Spring Boot's {@code spring.kafka.*}; further Kafka Streams
 * settings may be passed as {@code spring.kafka.streams.properties.*}.
 *
 * @param applicationId the Kafka Streams {@code application.id}: the consumer group, and the prefix
 *     of the changelog topics. Instances with the same id share the jobs between them. Default
 *     {@value #DEFAULT_APPLICATION_ID}.
 * @param topicPrefix prefix of the topic names; default {@value Topics#DEFAULT_PREFIX}
 * @param stateDir where the state stores live on local disk; default {@code
 *     <java.io.tmpdir>/punctual-scheduler}. Losing it costs a restore from the changelogs, never a
 *     fire. Two instances on one machine need two directories.
 * @param punctuationInterval how often each task looks for due timers; bounds how late a fire is
 *     emitted. Default 50 ms.
 * @param maxFiresPerPunctuation at most this many timers fire in one punctuation of one task; the
 *     rest fire in the next. Default {@value #DEFAULT_MAX_FIRES_PER_PUNCTUATION}.
 * @param commitInterval how often Kafka Streams commits its transaction; a fire becomes visible to
 *     {@code read_committed} consumers at the next commit. Default 100 ms.
 * @param numStreamThreads stream threads per instance. Default {@value
 *     #DEFAULT_NUM_STREAM_THREADS}.
 * @param numStandbyReplicas warm copies of each task's state on other instances, for fast failover.
 *     Default {@value #DEFAULT_NUM_STANDBY_REPLICAS}.
 * @param misfireThreshold an occurrence processed more than this after it was due is <em>
 *     missed</em> and follows the job's misfire policy; less late ones fire normally. Default 60 s.
 */
@ConfigurationProperties("punctual.scheduler")
public record SchedulerProperties(
    String applicationId,
    String topicPrefix,
    Path stateDir,
    Duration punctuationInterval,
    Integer maxFiresPerPunctuation,
    Duration commitInterval,
    Integer numStreamThreads,
    Integer numStandbyReplicas,
    Duration misfireThreshold) {

  public static final String DEFAULT_APPLICATION_ID = "punctual-scheduler";
  public static final Path DEFAULT_STATE_DIR =
      Path.of(System.getProperty("java.io.tmpdir"), "punctual-scheduler");
  public static final Duration DEFAULT_PUNCTUATION_INTERVAL = Duration.ofMillis(50);
  public static final int DEFAULT_MAX_FIRES_PER_PUNCTUATION = 10_000;
  public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(100);
  public static final int DEFAULT_NUM_STREAM_THREADS = 1;
  public static final int DEFAULT_NUM_STANDBY_REPLICAS = 1;
  public static final Duration DEFAULT_MISFIRE_THRESHOLD = Duration.ofSeconds(60);

  // Spring Boot passes null for every property that is not set.
  public SchedulerProperties {
    applicationId = applicationId == null ? DEFAULT_APPLICATION_ID : applicationId;
    topicPrefix = topicPrefix == null ? Topics.DEFAULT_PREFIX : topicPrefix;
    stateDir = stateDir == null ? DEFAULT_STATE_DIR : stateDir;
    punctuationInterval =
        punctuationInterval == null ? DEFAULT_PUNCTUATION_INTERVAL : punctuationInterval;
    maxFiresPerPunctuation =
        maxFiresPerPunctuation == null ? DEFAULT_MAX_FIRES_PER_PUNCTUATION : maxFiresPerPunctuation;
    commitInterval = commitInterval == null ? DEFAULT_COMMIT_INTERVAL : commitInterval;
    numStreamThreads = numStreamThreads == null ? DEFAULT_NUM_STREAM_THREADS : numStreamThreads;
    numStandbyReplicas =
        numStandbyReplicas == null ? DEFAULT_NUM_STANDBY_REPLICAS : numStandbyReplicas;
    misfireThreshold = misfireThreshold == null ? DEFAULT_MISFIRE_THRESHOLD : misfireThreshold;
    require(!applicationId.isBlank(), "application-id must not be blank");
    require(commitInterval.isPositive(), "commit-interval must be positive");
    require(numStreamThreads >= 1, "num-stream-threads must be at least 1");
    require(numStandbyReplicas >= 0, "num-standby-replicas must not be negative");
  }

  /** The topic names. */
  public Topics topics() {
    return new Topics(topicPrefix);
  }

  /** What the topology needs of this configuration. */
  public TopologySettings topologySettings() {
    return new TopologySettings(punctuationInterval, maxFiresPerPunctuation, misfireThreshold);
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException("punctual.scheduler." + message);
    }
  }
}
