package dev.punctual.api.projection;

import dev.punctual.api.ApiProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The projections and their consumers. */
@Configuration(proxyBeanMethods = false)
class ProjectionConfiguration {

  @Bean
  ProjectResults projectResults(
      ResultStore store,
      PlatformTransactionManager transactionManager,
      KafkaProperties kafka,
      ApiProperties properties,
      MeterRegistry meters) {
    var config = new HashMap<>(kafka.buildConsumerProperties());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, properties.consumerGroupId());
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "punctual-api-results");
    // Only results of committed transactions: the workers write them exactly once.
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return new ProjectResults(
        () -> new KafkaConsumer<>(config),
        store,
        new TransactionTemplate(transactionManager),
        properties,
        meters);
  }
}
