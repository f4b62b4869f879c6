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
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return config;
  }
}
