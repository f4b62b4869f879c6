package dev.punctual.worker.system;

import dev.punctual.worker.execution.FireClients;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.MicrometerConsumerListener;

/**
 * The worker's Kafka clients, built from Spring Boot's {@code spring.kafka.*} client properties
 * (bootstrap servers, security, tuning) with the settings exactly-once execution depends on forced
 * on top: raw bytes, {@code read_committed}, no auto-commit, the worker's group and its
 * transactional id. A new group starts at the earliest retained fire ({@code auto.offset.reset}
 * defaults to {@code earliest}), so fires emitted before the first worker joined are not lost.
 */
final class KafkaClients implements FireClients {

  private final Map<String, Object> consumerProperties;
  private final Map<String, Object> producerProperties;
  private final DefaultKafkaConsumerFactory<byte[], byte[]> consumers;

  /**
   * @param consumerBase {@code spring.kafka} consumer properties
   * @param producerBase {@code spring.kafka} producer properties
   * @param registry where the fire consumer's Kafka client metrics (lag, fetch rate) are bound; a
   *     consumer replaced after a failure takes its meters along
   */
  KafkaClients(
      Map<String, Object> consumerBase,
      Map<String, Object> producerBase,
      WorkerProperties properties,
      MeterRegistry registry) {
    var consumer = new HashMap<String, Object>();
    consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    // Only partitions that move are revoked on a rebalance, so fires of the others keep running.
    consumer.put(
        ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
        CooperativeStickyAssignor.class.getName());
    consumer.putAll(consumerBase);
    consumer.put(ConsumerConfig.GROUP_ID_CONFIG, properties.groupId());
    consumer.put(ConsumerConfig.CLIENT_ID_CONFIG, "punctual-worker-" + properties.workerId());
    consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumer.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    consumer.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    this.consumerProperties = Map.copyOf(consumer);
    this.consumers = new DefaultKafkaConsumerFactory<>(consumerProperties);
    consumers.addListener(new MicrometerConsumerListener<>(registry));

    var producer = new HashMap<>(producerBase);
    producer.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId(properties));
    producer.put(ProducerConfig.CLIENT_ID_CONFIG, "punctual-worker-" + properties.workerId());
    producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    producer.put(ProducerConfig.ACKS_CONFIG, "all");
    producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    this.producerProperties = Map.copyOf(producer);
  }

  /** {@code punctual-worker-<workerId>}. */
  static String transactionalId(WorkerProperties properties) {
    return "punctual-worker-" + properties.workerId();
  }

  @Override
  public Consumer<byte[], byte[]> newConsumer() {
    return consumers.createConsumer();
  }

  @Override
  public Producer<byte[], byte[]> newProducer() {
    return new KafkaProducer<>(producerProperties);
  }
}
