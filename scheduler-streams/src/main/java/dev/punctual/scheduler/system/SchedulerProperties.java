package dev.punctual.scheduler.system;

import dev.punctual.model.topic.Topics;
import dev.punctual.scheduler.topology.TopologySettings;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.kafka.streams.GroupProtocol;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the scheduler, under {@code punctual.scheduler}. The Kafka bootstrap servers
 * (and security settings) come from Spring Boot's {@code spring.kafka.*}; further Kafka Streams
 * settings may be passed as {@code spring.kafka.streams.properties.*}.
 *
 * @param applicationId the Kafka Streams {@code application.id}: the consumer group, and the prefix
 *     of the changelog topics. Instances with the same id share the jobs between them. Default
 *     {@value #DEFAULT_APPLICATION_ID}.
 * @param instanceId a name for this instance that stays the same across its restarts (a host or pod
 *     name), unique among the instances. It turns on static group membership ({@code
 *     group.instance.id}; Kafka Streams appends the stream thread's index): a restarted instance
 *     takes its tasks back without waiting, and a clean shutdown removes it from the group at once,
 *     so the others take over its jobs without waiting for the session timeout. Without it, a
 *     stopped instance's jobs wait up to {@code session-timeout} for another owner. Not set by
 *     default. Ignored (with a warning) under {@code group-protocol: streams}: Kafka 4.3 refuses
 *     static members in streams groups.
 * @param topicPrefix prefix of the topic names; default {@value Topics#DEFAULT_PREFIX}
 * @param stateDir where the state stores live on local disk; default {@code
 *     <java.io.tmpdir>/punctual-scheduler}. Losing it costs a restore from the changelogs, never a
 *     fire. Two instances on one machine need two directories.
 * @param punctuationInterval how often each task looks for due timers; bounds how late a fire is
 *     emitted. Ticks fall on multiples of it (the same instants in every task), and a tick that
 *     fired commits at once, so it also bounds how often the fires' extra commits happen: at most
 *     once per interval and stream thread. Default 20 ms.
 * @param maxFiresPerPunctuation at most this many timers (or catch-up fires) are processed in one
 *     punctuation of one task; the rest in the next. Default {@value
 *     #DEFAULT_MAX_FIRES_PER_PUNCTUATION}.
 * @param commitInterval how often Kafka Streams commits its transaction (the records it processed:
 *     definitions, commands, results). Fires do not wait for it: the punctuation that emitted them
 *     requests a commit, so they become visible to {@code read_committed} consumers right after it.
 *     Default 100 ms.
 * @param numStreamThreads stream threads per instance. Default {@value
 *     #DEFAULT_NUM_STREAM_THREADS}.
 * @param numStandbyReplicas warm copies of each task's state on other instances, for fast failover.
 *     Default {@value #DEFAULT_NUM_STANDBY_REPLICAS}; 0 for a single instance.
 * @param misfireThreshold an occurrence processed more than this after it was due is <em>
 *     missed</em> and follows the job's misfire policy; less late ones fire normally. Default 60 s.
 * @param maxCatchUpFires at most this many fires catch up the missed occurrences of one {@code
 *     FIRE_ALL} job after downtime (the oldest inside its catch-up window); the others are skipped
 *     and counted. Default {@value #DEFAULT_MAX_CATCH_UP_FIRES}.
 * @param sessionTimeout how long the group coordinator waits for a silent instance (crashed, cut
 *     off) before giving its tasks to the others; the heartbeat interval is a third of it. It
 *     bounds the pause in firing after a crash. A GC pause or network blip longer than this makes
 *     the group rebalance (a pause of about a second, nothing fired twice). At least 1 s and at
 *     least the broker's {@code group.min.session.timeout.ms} (Kafka's default is 6 s; the embedded
 *     broker and docker-compose allow 1 s). Default 2 s.
 * @param transactionTimeout how long an open transaction of a crashed instance can block the
 *     partitions it wrote to before the broker aborts it: until then nobody reading {@code
 *     read_committed} sees the fires its tasks' new owner emits. A transaction of a live instance
 *     that takes longer (it normally lasts one {@code commit-interval}) is aborted too, and the
 *     instance rejoins the group. Longer than {@code commit-interval}, and at most the broker's
 *     {@code transaction.max.timeout.ms}. Default 2 s.
 * @param groupProtocol the consumer group protocol of Kafka Streams: {@code classic} (default) or
 *     {@code streams}, the broker-driven protocol of KIP-1071 (Kafka 4.2+ brokers with the {@code
 *     streams.version} feature). Under {@code streams} the session timeout, heartbeat interval and
 *     standby count are settings of the group on the broker, which this instance sets at start;
 *     static membership is not available. See docs/operations.md, "Failover".
 * @param leadTime opt-in: emit each fire up to this long before its {@code dueAt}, so that it is
 *     committed and fetched by a worker by then; the worker holds it and starts it at {@code
 *     dueAt}. Nothing starts before {@code dueAt}, but a fire's {@code firedAt} may then precede
 *     its {@code dueAt} by up to this much, which breaks the default promise {@code firedAt >=
 *     dueAt} for other consumers of the fires topic. Misfires are still judged against {@code
 *     dueAt}. Between 0 and {@value #MAX_LEAD_TIME_SECONDS} s. Default 0 (off).
 * @param hangingTransactionCheck how often this instance looks for hanging transactions on the
 *     partitions it depends on and ends them (see {@link HangingTransactionWatchdog}): a
 *     transaction a broker left open when it shut down in the middle of a commit, which stops the
 *     tasks on those partitions until it is ended, committed if its coordinator committed it, else
 *     aborted. Default 15 s; 0 turns it off.
 * @param hangingTransactionAge an open transaction counts as hanging only if its producer last
 *     wrote to the partition longer ago than this, and its coordinator does not count it in
 *     progress. More than {@code transaction-timeout}. Default 30 s.
 * @param workerGroupId the workers' consumer group ({@code punctual.worker.group-id}, default
 *     {@value #DEFAULT_WORKER_GROUP_ID}). The workers commit their offsets in transactions, so a
 *     hanging transaction can hold the {@code __consumer_offsets} partition of their group, and a
 *     worker that starts then never gets its committed offsets and executes nothing; the
 *     hanging-transaction check covers that partition too.
 */
@ConfigurationProperties("punctual.scheduler")
public record SchedulerProperties(
    String applicationId,
    @Nullable String instanceId,
    String topicPrefix,
    Path stateDir,
    Duration punctuationInterval,
    Integer maxFiresPerPunctuation,
    Duration commitInterval,
    Integer numStreamThreads,
    Integer numStandbyReplicas,
    Duration misfireThreshold,
    Integer maxCatchUpFires,
    Duration sessionTimeout,
    Duration transactionTimeout,
    GroupProtocol groupProtocol,
    Duration leadTime,
    Duration hangingTransactionCheck,
    Duration hangingTransactionAge,
    String workerGroupId) {

  public static final String DEFAULT_APPLICATION_ID = "punctual-scheduler";
  public static final Path DEFAULT_STATE_DIR =
      Path.of(System.getProperty("java.io.tmpdir"), "punctual-scheduler");
  public static final Duration DEFAULT_PUNCTUATION_INTERVAL = Duration.ofMillis(20);
  // 1,000: a thread runs the punctuations of all its tasks (six by default) in one transaction, so
  // a backlog's transaction holds six times this many fires. At 10,000 that took about 5 s on two
  // cores, longer than the 2 s transaction timeout, and the broker fenced the thread again and
  // again
  // during bursts; at 1,000 a burst emits 17,000 fires/s instead of 12,000 (docs/benchmarks.md).
  public static final int DEFAULT_MAX_FIRES_PER_PUNCTUATION = 1_000;
  public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(100);
  public static final int DEFAULT_NUM_STREAM_THREADS = 1;
  public static final int DEFAULT_NUM_STANDBY_REPLICAS = 1;
  public static final Duration DEFAULT_MISFIRE_THRESHOLD = Duration.ofSeconds(60);
  public static final int DEFAULT_MAX_CATCH_UP_FIRES = 1_000;
  public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(2);
  public static final Duration DEFAULT_TRANSACTION_TIMEOUT = Duration.ofSeconds(2);
  public static final GroupProtocol DEFAULT_GROUP_PROTOCOL = GroupProtocol.CLASSIC;
  public static final Duration DEFAULT_LEAD_TIME = Duration.ZERO;
  public static final int MAX_LEAD_TIME_SECONDS = 5;
  public static final Duration DEFAULT_HANGING_TRANSACTION_CHECK = Duration.ofSeconds(15);
  public static final Duration DEFAULT_HANGING_TRANSACTION_AGE = Duration.ofSeconds(30);
  // The worker's own default (WorkerProperties.DEFAULT_GROUP_ID, another module); the standalone's
  // tests check that the two agree.
  public static final String DEFAULT_WORKER_GROUP_ID = "punctual-worker";

  // Spring Boot passes null for every property that is not set.
  public SchedulerProperties {
    applicationId = applicationId == null ? DEFAULT_APPLICATION_ID : applicationId;
    instanceId = instanceId == null || instanceId.isBlank() ? null : instanceId.strip();
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
    maxCatchUpFires = maxCatchUpFires == null ? DEFAULT_MAX_CATCH_UP_FIRES : maxCatchUpFires;
    sessionTimeout = sessionTimeout == null ? DEFAULT_SESSION_TIMEOUT : sessionTimeout;
    transactionTimeout =
        transactionTimeout == null ? DEFAULT_TRANSACTION_TIMEOUT : transactionTimeout;
    groupProtocol = groupProtocol == null ? DEFAULT_GROUP_PROTOCOL : groupProtocol;
    leadTime = leadTime == null ? DEFAULT_LEAD_TIME : leadTime;
    hangingTransactionCheck =
        hangingTransactionCheck == null
            ? DEFAULT_HANGING_TRANSACTION_CHECK
            : hangingTransactionCheck;
    hangingTransactionAge =
        hangingTransactionAge == null ? DEFAULT_HANGING_TRANSACTION_AGE : hangingTransactionAge;
    workerGroupId = workerGroupId == null ? DEFAULT_WORKER_GROUP_ID : workerGroupId;
    require(!applicationId.isBlank(), "application-id must not be blank");
    require(!workerGroupId.isBlank(), "worker-group-id must not be blank");
    require(punctuationInterval.isPositive(), "punctuation-interval must be positive");
    require(maxFiresPerPunctuation >= 1, "max-fires-per-punctuation must be at least 1");
    require(commitInterval.isPositive(), "commit-interval must be positive");
    require(numStreamThreads >= 1, "num-stream-threads must be at least 1");
    require(numStandbyReplicas >= 0, "num-standby-replicas must not be negative");
    require(!misfireThreshold.isNegative(), "misfire-threshold must not be negative");
    require(maxCatchUpFires >= 1, "max-catch-up-fires must be at least 1");
    require(
        sessionTimeout.compareTo(Duration.ofSeconds(1)) >= 0,
        "session-timeout must be at least 1 s (and at least the broker's"
            + " group.min.session.timeout.ms)");
    require(
        transactionTimeout.compareTo(commitInterval) > 0,
        "transaction-timeout must be longer than commit-interval");
    require(
        !leadTime.isNegative()
            && leadTime.compareTo(Duration.ofSeconds(MAX_LEAD_TIME_SECONDS)) <= 0,
        "lead-time must be between 0 and " + MAX_LEAD_TIME_SECONDS + " s");
    require(
        !hangingTransactionCheck.isNegative(),
        "hanging-transaction-check must not be negative (0 turns it off)");
    require(
        hangingTransactionAge.compareTo(transactionTimeout) > 0,
        "hanging-transaction-age must be longer than transaction-timeout");
  }

  /** The topic names. */
  public Topics topics() {
    return new Topics(topicPrefix);
  }

  /** What the topology needs of this configuration. */
  public TopologySettings topologySettings() {
    return new TopologySettings(
        punctuationInterval, maxFiresPerPunctuation, misfireThreshold, maxCatchUpFires, leadTime);
  }

  /** The consumer heartbeat interval: a third of the session timeout, as Kafka recommends. */
  public Duration heartbeatInterval() {
    return Duration.ofMillis(sessionTimeout.toMillis() / 3);
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException("punctual.scheduler." + message);
    }
  }
}
