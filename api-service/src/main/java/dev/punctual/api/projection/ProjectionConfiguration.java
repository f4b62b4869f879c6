package dev.punctual.api.projection;

import dev.punctual.api.ApiProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One {@link ProjectTopic} loop per {@link Projection} bean, each with its own consumer in its own
 * group ({@code <consumer-group-id>.<name>}), shared by all instances of the API.
 */
@Configuration(proxyBeanMethods = false)
class ProjectionConfiguration {

  /**
   * Records per poll, so per database transaction: under load a batch's cost is a few statements
   * whatever its size, and a projection that fell behind catches up in large steps.
   */
  static final int MAX_POLL_RECORDS = 2000;

  /**
   * A fetch waits for this much data (about 200 fires), or for {@link #FETCH_MAX_WAIT_MS}: at a
   * moderate load, fewer and larger batches (fewer database commits); at a low load, at most that
   * wait.
   */
  static final int FETCH_MIN_BYTES = 64 * 1024;

  /** At most this much projection latency is added at a low load. */
  static final int FETCH_MAX_WAIT_MS = 25;

  @Bean
  ProjectionLoops projectionLoops(
      List<Projection<?>> projections,
      PlatformTransactionManager transactionManager,
      KafkaProperties kafka,
      ApiProperties properties,
      MeterRegistry meters) {
    var transactions = new TransactionTemplate(transactionManager);
    return new ProjectionLoops(
        projections.stream()
            .<ProjectTopic<?>>map(
                projection ->
                    loop(
                        projection,
                        transactions,
                        consumerConfig(kafka, properties, projection),
                        properties,
                        meters))
            .toList());
  }

  private static <T> ProjectTopic<T> loop(
      Projection<T> projection,
      TransactionTemplate transactions,
      java.util.Map<String, Object> config,
      ApiProperties properties,
      MeterRegistry meters) {
    return new ProjectTopic<>(
        projection,
        () -> new KafkaConsumer<>(config),
        transactions,
        properties.retryBackoff(),
        meters);
  }

  private static java.util.Map<String, Object> consumerConfig(
      KafkaProperties kafka, ApiProperties properties, Projection<?> projection) {
    var config = new HashMap<>(kafka.buildConsumerProperties());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, properties.consumerGroup(projection.name()));
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "punctual-api-" + projection.name());
    // Only records of committed transactions: the scheduler and the workers write exactly once.
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS);
    config.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, FETCH_MIN_BYTES);
    config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, FETCH_MAX_WAIT_MS);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return config;
  }
}
