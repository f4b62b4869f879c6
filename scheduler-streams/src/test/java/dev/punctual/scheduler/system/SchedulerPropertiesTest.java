package dev.punctual.scheduler.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.GroupProtocol;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class SchedulerPropertiesTest {

  /** A quarter of the default punctuation interval. */
  private static final long POLL_MS_OF_DEFAULT_INTERVAL = 5L;

  @Test
  void hasTheDocumentedDefaults() {
    var properties = bind(Map.of());

    assertThat(properties.applicationId()).isEqualTo("punctual-scheduler");
    assertThat(properties.topicPrefix()).isEqualTo("scheduler.");
    assertThat(properties.stateDir())
        .isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "punctual-scheduler"));
    assertThat(properties.punctuationInterval()).isEqualTo(Duration.ofMillis(20));
    assertThat(properties.maxFiresPerPunctuation()).isEqualTo(1_000);
    assertThat(properties.commitInterval()).isEqualTo(Duration.ofMillis(100));
    assertThat(properties.numStreamThreads()).isEqualTo(1);
    assertThat(properties.numStandbyReplicas()).isEqualTo(1);
    assertThat(properties.misfireThreshold()).isEqualTo(Duration.ofSeconds(60));
    assertThat(properties.instanceId()).isNull();
    assertThat(properties.maxCatchUpFires()).isEqualTo(1_000);
    assertThat(properties.sessionTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(properties.heartbeatInterval()).isEqualTo(Duration.ofMillis(666));
    assertThat(properties.transactionTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(properties.groupProtocol()).isEqualTo(GroupProtocol.CLASSIC);
    assertThat(properties.leadTime()).isZero();
    assertThat(properties.topologySettings().leadTime()).isZero();
    assertThat(properties.hangingTransactionCheck()).isEqualTo(Duration.ofSeconds(15));
    assertThat(properties.hangingTransactionAge()).isEqualTo(Duration.ofSeconds(30));
    assertThat(properties.workerGroupId()).isEqualTo("punctual-worker");
  }

  @Test
  void underTheStreamsProtocolMembershipSettingsBelongToTheGroup() {
    var properties =
        bind(
            Map.of(
                "punctual.scheduler.group-protocol", "streams",
                "punctual.scheduler.instance-id", "scheduler-0",
                "punctual.scheduler.num-standby-replicas", "1",
                "punctual.scheduler.session-timeout", "3s"));

    var config =
        SchedulerStreamsConfig.of(
            properties, Map.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "kafka:9092"));
    var mainConsumer =
        new StreamsConfig(config).getMainConsumerConfigs("punctual-scheduler", "client", 1);

    assertThat(config).containsEntry(StreamsConfig.GROUP_PROTOCOL_CONFIG, "streams");
    // Kafka 4.3 refuses static members in streams groups; the rest is the group's configuration.
    assertThat(mainConsumer)
        .doesNotContainKeys(
            ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG);
    assertThat(StreamsGroupSettings.of(properties))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "streams.session.timeout.ms", "3000",
                "streams.heartbeat.interval.ms", "1000",
                "streams.num.standby.replicas", "1"));
  }

  @Test
  void anInstanceIdTurnsOnStaticMembershipPerStreamThread() {
    var properties =
        bind(
            Map.of(
                "punctual.scheduler.instance-id", "scheduler-0",
                "punctual.scheduler.session-timeout", "6s",
                "punctual.scheduler.transaction-timeout", "8s"));

    var streams =
        new StreamsConfig(
            SchedulerStreamsConfig.of(
                properties, Map.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "kafka:9092")));
    var mainConsumer = streams.getMainConsumerConfigs("punctual-scheduler", "client", 2);

    assertThat(mainConsumer)
        .containsEntry(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "scheduler-0-2")
        .containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6_000)
        .containsEntry(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 2_000);
    assertThat(streams.getProducerConfigs("client"))
        .containsEntry(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 8_000);
    assertThat(streams.getRestoreConsumerConfigs("client"))
        .doesNotContainKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
  }

  @Test
  void withoutAnInstanceIdMembershipIsDynamic() {
    var streams =
        new StreamsConfig(
            SchedulerStreamsConfig.of(
                bind(Map.of("punctual.scheduler.instance-id", " ")),
                Map.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "kafka:9092")));

    assertThat(streams.getMainConsumerConfigs("punctual-scheduler", "client", 1))
        .doesNotContainKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
  }

  @Test
  void refusesSettingsThatCannotWork() {
    assertThatThrownBy(() -> bind(Map.of("punctual.scheduler.session-timeout", "500ms")))
        .rootCause()
        .hasMessageContaining("punctual.scheduler.session-timeout must be at least 1 s");
    assertThatThrownBy(
            () ->
                bind(
                    Map.of(
                        "punctual.scheduler.transaction-timeout", "100ms",
                        "punctual.scheduler.commit-interval", "1s")))
        .rootCause()
        .hasMessageContaining("transaction-timeout must be longer than commit-interval");
    assertThatThrownBy(() -> bind(Map.of("punctual.scheduler.max-catch-up-fires", "0")))
        .rootCause()
        .hasMessageContaining("max-catch-up-fires must be at least 1");
    assertThatThrownBy(() -> bind(Map.of("punctual.scheduler.group-protocol", "consumer")))
        .hasMessageContaining("punctual.scheduler.group-protocol");
    assertThatThrownBy(() -> bind(Map.of("punctual.scheduler.lead-time", "6s")))
        .rootCause()
        .hasMessageContaining("lead-time must be between 0 and 5 s");
    assertThatThrownBy(() -> bind(Map.of("punctual.scheduler.lead-time", "-1ms")))
        .rootCause()
        .hasMessageContaining("lead-time must be between 0 and 5 s");
    assertThatThrownBy(() -> bind(Map.of("punctual.scheduler.hanging-transaction-check", "-1s")))
        .rootCause()
        .hasMessageContaining("hanging-transaction-check must not be negative");
    assertThatThrownBy(
            () ->
                bind(
                    Map.of(
                        "punctual.scheduler.hanging-transaction-age", "2s",
                        "punctual.scheduler.transaction-timeout", "2s")))
        .rootCause()
        .hasMessageContaining("hanging-transaction-age must be longer than transaction-timeout");
    assertThatThrownBy(() -> bind(Map.of("punctual.scheduler.worker-group-id", " ")))
        .rootCause()
        .hasMessageContaining("worker-group-id must not be blank");
  }

  @Test
  void bindsKebabCasePropertiesWithDurationUnits() {
    var properties =
        bind(
            Map.of(
                "punctual.scheduler.application-id", "sched-b",
                "punctual.scheduler.topic-prefix", "acme.",
                "punctual.scheduler.state-dir", "/var/lib/punctual",
                "punctual.scheduler.punctuation-interval", "20ms",
                "punctual.scheduler.commit-interval", "1s",
                "punctual.scheduler.misfire-threshold", "PT2M",
                "punctual.scheduler.num-standby-replicas", "0",
                "punctual.scheduler.max-catch-up-fires", "50",
                "punctual.scheduler.lead-time", "750ms"));

    assertThat(properties.applicationId()).isEqualTo("sched-b");
    assertThat(properties.topics().jobs().name()).isEqualTo("acme.jobs");
    assertThat(properties.stateDir()).isEqualTo(Path.of("/var/lib/punctual"));
    assertThat(properties.topologySettings().punctuationInterval())
        .isEqualTo(Duration.ofMillis(20));
    assertThat(properties.commitInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(properties.topologySettings().misfireThreshold()).isEqualTo(Duration.ofMinutes(2));
    assertThat(properties.numStandbyReplicas()).isZero();
    assertThat(properties.topologySettings().maxCatchUpFires()).isEqualTo(50);
    assertThat(properties.topologySettings().leadTime()).isEqualTo(Duration.ofMillis(750));
  }

  @Test
  void theStreamsConfigIsExactlyOnceWithTheConfiguredSettingsOverTheBase() {
    var properties =
        bind(
            Map.of(
                "punctual.scheduler.application-id", "sched",
                "punctual.scheduler.state-dir", "/tmp/sched",
                "punctual.scheduler.num-stream-threads", "2"));

    var config =
        SchedulerStreamsConfig.of(
            properties,
            Map.of(
                StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "kafka:9092",
                StreamsConfig.APPLICATION_ID_CONFIG, "from-spring",
                StreamsConfig.REPLICATION_FACTOR_CONFIG, "3"));

    assertThat(config)
        .containsEntry(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "kafka:9092")
        .containsEntry(StreamsConfig.REPLICATION_FACTOR_CONFIG, "3")
        .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "sched")
        .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "exactly_once_v2")
        .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100L)
        .containsEntry(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2)
        .containsEntry(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1)
        .containsEntry(StreamsConfig.STATE_DIR_CONFIG, "/tmp/sched")
        .containsEntry(StreamsConfig.POLL_MS_CONFIG, POLL_MS_OF_DEFAULT_INTERVAL)
        .containsEntry(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MS_CONFIG), 5L)
        .containsEntry(
            StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG), 100L)
        .doesNotContainKey(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG)
        .doesNotContainKey(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG);
    new StreamsConfig(config); // Kafka accepts it
  }

  private static SchedulerProperties bind(Map<String, String> source) {
    return new Binder(new MapConfigurationPropertySource(source))
        .bindOrCreate("punctual.scheduler", SchedulerProperties.class);
  }
}
