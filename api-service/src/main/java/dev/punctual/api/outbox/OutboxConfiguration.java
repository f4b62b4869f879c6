package dev.punctual.api.outbox;

import dev.punctual.api.ApiProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The outbox relay and its producer. */
@Configuration(proxyBeanMethods = false)
class OutboxConfiguration {

  @Bean
  RelayOutbox relayOutbox(
      OutboxRepository repository,
      PlatformTransactionManager transactionManager,
      KafkaProperties kafka,
      ApiProperties properties,
      MeterRegistry meters) {
    return new RelayOutbox(
        repository,
        new TransactionTemplate(transactionManager),
        () -> producer(kafka),
        properties,
        meters);
  }

  /**
   * An idempotent producer (acks from all in-sync replicas, no duplicates or reordering from its
   * own retries) that gives up within bounded times while Kafka is unreachable, so the relay rolls
   * back and retries instead of holding a transaction open for minutes. The timeouts are defaults:
   * {@code spring.kafka.producer.properties.*} may set others.
   */
  private static Producer<String, byte[]> producer(KafkaProperties kafka) {
    var config = new HashMap<String, Object>();
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    config.putAll(kafka.buildProducerProperties());
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "punctual-api-outbox");
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    return new KafkaProducer<>(config);
  }
}
