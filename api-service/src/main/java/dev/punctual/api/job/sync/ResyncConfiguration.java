package dev.punctual.api.job.sync;

import dev.punctual.api.ApiProperties;
import dev.punctual.api.job.JobProgress;
import dev.punctual.api.job.JobRepository;
import dev.punctual.api.outbox.Outbox;
import java.time.Clock;
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

/** The re-sync and the consumer it reads the jobs topic with (no group: it assigns itself). */
@Configuration(proxyBeanMethods = false)
class ResyncConfiguration {

  @Bean
  Resync resync(
      JobRepository repository,
      JobProgress progress,
      Outbox outbox,
      PlatformTransactionManager transactionManager,
      KafkaProperties kafka,
      ApiProperties properties,
      Clock clock) {
    var config = new HashMap<>(kafka.buildConsumerProperties());
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "punctual-api-resync");
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return new Resync(
        repository,
        progress,
        outbox,
        new TransactionTemplate(transactionManager),
        () -> new KafkaConsumer<>(config),
        properties.topics().jobs().name(),
        properties.topics().reserved(),
        clock);
  }
}
