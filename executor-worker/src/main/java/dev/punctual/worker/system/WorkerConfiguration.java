package dev.punctual.worker.system;

import dev.punctual.model.topic.Topics;
import dev.punctual.worker.execution.ConsumeFires;
import dev.punctual.worker.execution.ExecuteFire;
import dev.punctual.worker.execution.LoopSettings;
import dev.punctual.worker.execution.WorkerMetrics;
import dev.punctual.worker.http.CallHttpTarget;
import dev.punctual.worker.http.DestinationCheck;
import dev.punctual.worker.http.DestinationRules;
import dev.punctual.worker.http.TargetHttpClient;
import dev.punctual.worker.kafka.AdminTopicCheck;
import dev.punctual.worker.kafka.PrepareKafkaTarget;
import dev.punctual.worker.kafka.TopicRules;
import dev.punctual.worker.secret.ResolveSecrets;
import dev.punctual.worker.secret.Secrets;
import dev.punctual.worker.trace.FireSpans;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The worker's beans. */
@Configuration(proxyBeanMethods = false)
class WorkerConfiguration {

  private static final Logger log = LoggerFactory.getLogger(WorkerConfiguration.class);

  /** How long a Kafka target waits for the cluster to say whether its topic exists. */
  private static final Duration TOPIC_CHECK_TIMEOUT = Duration.ofSeconds(10);

  /** Kafka's default {@code max.request.size}. */
  private static final int DEFAULT_MAX_REQUEST_SIZE = 1024 * 1024;

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  Topics topics(WorkerProperties properties) {
    return new Topics(properties.topicPrefix());
  }

  /**
   * One pooled client for every HTTP target ({@link TargetHttpClient}): it connects only to the
   * addresses the destination check approved, never follows redirects, and resends a request whose
   * connection the server closed unanswered.
   */
  @Bean(destroyMethod = "close")
  CloseableHttpClient targetHttpClient(
      DestinationCheck destinationCheck, WorkerProperties properties) {
    return TargetHttpClient.create(destinationCheck, properties.maxHttpTimeout());
  }

  /**
   * Refuses HTTP targets on loopback, private, link-local, metadata and other non-public addresses
   * unless {@code punctual.worker.allowed-hosts} or {@code allowed-cidrs} allow them.
   */
  @Bean
  DestinationCheck destinationCheck(WorkerProperties properties) {
    log.info(
        "HTTP targets may call public addresses{}{}; cloud metadata addresses never",
        properties.allowedHosts().isEmpty() ? "" : ", the hosts " + properties.allowedHosts(),
        properties.cidrs().isEmpty() ? "" : ", the ranges " + properties.cidrs());
    return DestinationRules.of(properties.allowedHosts(), properties.cidrs());
  }

  @Bean
  CallHttpTarget callHttpTarget(
      CloseableHttpClient targetHttpClient, WorkerProperties properties, Clock clock) {
    return new CallHttpTarget(
        targetHttpClient,
        properties.maxHttpTimeout(),
        properties.responseBodyExcerptBytes(),
        clock);
  }

  @Bean(destroyMethod = "close")
  Admin topicCheckAdmin(KafkaProperties kafka) {
    return Admin.create(kafka.buildAdminProperties());
  }

  /**
   * Refuses Kafka targets on reserved topics (the topic prefix, Kafka Streams and Kafka internal
   * topics) and, when {@code punctual.worker.allowed-topics} is set, on topics it does not allow.
   */
  @Bean
  TopicRules topicRules(Topics topics, WorkerProperties properties) {
    var rules = new TopicRules(topics.reserved(), properties.allowedTopics());
    log.info(
        "Kafka targets may write to {}; never to topics starting with '{}' or __, or ending in"
            + " -changelog or -repartition",
        rules.allowedGlobs().isEmpty() ? "any topic" : "topics matching " + rules.allowedGlobs(),
        topics.prefix());
    return rules;
  }

  /**
   * Resolves {@code {{secret.NAME}}} in targets from {@code punctual.worker.secrets-dir}, else from
   * {@code PUNCTUAL_SECRET_*} environment variables.
   */
  @Bean
  ResolveSecrets resolveSecrets(WorkerProperties properties) {
    var secrets = Secrets.of(properties.secretsDir());
    var directory = secrets.directory();
    if (directory == null) {
      log.info("Secrets come from {}* environment variables", Secrets.ENVIRONMENT_PREFIX);
    } else if (Files.isDirectory(directory)) {
      log.info(
          "Secrets come from the files in {}, else from {}* environment variables",
          directory,
          Secrets.ENVIRONMENT_PREFIX);
    } else {
      log.warn(
          "The secrets directory {} does not exist (yet); secrets come from {}* environment"
              + " variables until it does",
          directory,
          Secrets.ENVIRONMENT_PREFIX);
    }
    return new ResolveSecrets(secrets);
  }

  @Bean
  PrepareKafkaTarget prepareKafkaTarget(
      TopicRules topicRules, Admin topicCheckAdmin, KafkaProperties kafka) {
    var maxRequestSize =
        kafka.buildProducerProperties().getOrDefault(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, null);
    return new PrepareKafkaTarget(
        topicRules,
        new AdminTopicCheck(topicCheckAdmin, TOPIC_CHECK_TIMEOUT),
        maxRequestSize == null
            ? DEFAULT_MAX_REQUEST_SIZE
            : Integer.parseInt(maxRequestSize.toString()));
  }

  @Bean
  WorkerMetrics workerMetrics(MeterRegistry registry) {
    return new WorkerMetrics(registry);
  }

  @Bean
  ExecuteFire executeFire(
      CallHttpTarget http,
      PrepareKafkaTarget kafka,
      ResolveSecrets secrets,
      Topics topics,
      WorkerProperties properties,
      Clock clock,
      WorkerMetrics metrics,
      ObjectProvider<OpenTelemetry> openTelemetry) {
    return new ExecuteFire(
        http,
        kafka,
        secrets,
        topics.results(),
        properties.workerId(),
        clock,
        metrics,
        new FireSpans(openTelemetry.getIfAvailable(OpenTelemetry::noop)));
  }

  @Bean
  ConsumeFires consumeFires(
      KafkaProperties kafka,
      WorkerProperties properties,
      Topics topics,
      ExecuteFire executeFire,
      WorkerMetrics metrics,
      MeterRegistry registry) {
    var clients =
        new KafkaClients(
            kafka.buildConsumerProperties(), kafka.buildProducerProperties(), properties, registry);
    var settings =
        new LoopSettings(
            topics,
            properties.maxConcurrentExecutions(),
            properties.maxUncommittedFires(),
            properties.commitInterval(),
            properties.shutdownGracePeriod(),
            properties.revokeGracePeriod());
    log.info(
        "Worker {} consumes {} in group {}",
        properties.workerId(),
        topics.fires().name(),
        properties.groupId());
    return new ConsumeFires(clients, settings, executeFire, metrics);
  }

  /** {@code fireConsumer} in {@code /actuator/health} and in the readiness group. */
  @Bean
  FireConsumerHealthIndicator fireConsumerHealthIndicator(
      ConsumeFires consumeFires, WorkerMetrics metrics) {
    return new FireConsumerHealthIndicator(consumeFires.status(), metrics);
  }

  @Bean
  WorkerLifecycle workerLifecycle(ConsumeFires consumeFires, WorkerProperties properties) {
    return new WorkerLifecycle(consumeFires, properties.shutdownGracePeriod());
  }
}
