package dev.punctual.scheduler.system;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.GroupProtocol;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Kafka Streams configuration of the scheduler. */
public final class SchedulerStreamsConfig {

  private static final Logger log = LoggerFactory.getLogger(SchedulerStreamsConfig.class);

  private SchedulerStreamsConfig() {}

  /**
   * The scheduler's settings on top of {@code base} (bootstrap servers, security and {@code
   * spring.kafka.streams.properties.*} from Spring Boot). Default serdes are not set: every source,
   * sink and store names its own.
   */
  public static Properties of(SchedulerProperties properties, Map<String, Object> base) {
    var config = new Properties();
    config.putAll(base);
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, properties.applicationId());
    // Every occurrence fires exactly once, also across crashes and rebalances: the fire, the
    // timer update and the input offsets commit in one transaction.
    config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, properties.commitInterval().toMillis());
    config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, properties.numStreamThreads());
    config.put(StreamsConfig.STATE_DIR_CONFIG, properties.stateDir().toAbsolutePath().toString());
    // Wall-clock punctuation runs between polls, so a poll blocking while no records arrive
    // delays it by up to poll.ms: a fraction of the interval keeps ticks on time.
    config.put(StreamsConfig.POLL_MS_CONFIG, pollMs(properties.punctuationInterval()));
    // A new application reads every job definition ever written (also Kafka Streams' default).
    config.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    config.put(
        StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG),
        (int) properties.transactionTimeout().toMillis());
    // Commits follow each other closely (one after each punctuation that fired, besides the
    // commit interval), and a write into the next transaction is refused with
    // CONCURRENT_TRANSACTIONS until the broker has written the markers of the previous one, which
    // takes milliseconds. With the default backoff (100 ms, growing to 1 s) each such refusal
    // held fires back for hundreds of milliseconds; retry soon instead.
    config.put(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MS_CONFIG), 5L);
    config.put(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG), 100L);
    config.put(
        StreamsConfig.GROUP_PROTOCOL_CONFIG,
        properties.groupProtocol().name().toLowerCase(Locale.ROOT));
    if (properties.groupProtocol() == GroupProtocol.CLASSIC) {
      putMembership(properties, config);
    } else if (properties.instanceId() != null) {
      log.warn(
          "punctual.scheduler.instance-id is ignored: Kafka 4.3 has no static membership in"
              + " streams groups (group-protocol streams)");
    }
    return config;
  }

  /**
   * Failover under the classic protocol: a crashed instance's tasks move once the coordinator has
   * not heard from it for the session timeout (and once the broker has aborted its open
   * transaction, {@code transaction-timeout}). Under the streams protocol these are settings of the
   * group on the broker ({@link StreamsGroupSettings}), and Kafka Streams ignores them here.
   */
  private static void putMembership(SchedulerProperties properties, Properties config) {
    config.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, properties.numStandbyReplicas());
    config.put(
        StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG),
        (int) properties.sessionTimeout().toMillis());
    config.put(
        StreamsConfig.mainConsumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG),
        (int) properties.heartbeatInterval().toMillis());
    if (properties.instanceId() != null) {
      // Static membership; Kafka Streams appends "-<thread index>" for each stream thread.
      config.put(
          StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG),
          properties.instanceId());
    }
  }

  /**
   * How long the stream thread's poll may block when no records arrive: a quarter of the
   * punctuation interval (at least 1 ms), so that a punctuation starts at most that late. An idle
   * thread then polls a few hundred times a second, which costs next to nothing (no fetch is sent
   * while one is pending).
   */
  static long pollMs(Duration punctuationInterval) {
    return Math.max(1, punctuationInterval.toMillis() / 4);
  }
}
