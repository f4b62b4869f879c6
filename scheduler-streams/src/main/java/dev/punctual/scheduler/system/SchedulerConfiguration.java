package dev.punctual.scheduler.system;

import dev.punctual.scheduler.topology.SchedulerTopology;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.streams.GroupProtocol;
import org.apache.kafka.streams.Topology;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the topology, Kafka Streams and its health into the Spring context. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SchedulerProperties.class)
class SchedulerConfiguration {

  @Bean
  Topology schedulerTopology(SchedulerProperties properties, MeterRegistry registry) {
    return SchedulerTopology.build(properties.topics(), properties.topologySettings(), registry);
  }

  @Bean
  KafkaStreamsLifecycle kafkaStreamsLifecycle(
      Topology schedulerTopology,
      SchedulerProperties properties,
      KafkaProperties kafkaProperties,
      MeterRegistry registry) {
    var config = SchedulerStreamsConfig.of(properties, kafkaProperties.buildStreamsProperties());
    if (properties.groupProtocol() == GroupProtocol.STREAMS) {
      StreamsGroupSettings.apply(properties, kafkaProperties.buildAdminProperties());
    }
    return new KafkaStreamsLifecycle(schedulerTopology, config, registry);
  }

  @Bean
  HangingTransactionWatchdog hangingTransactionWatchdog(
      SchedulerProperties properties, KafkaProperties kafkaProperties, MeterRegistry registry) {
    return new HangingTransactionWatchdog(
        kafkaProperties.buildAdminProperties(), properties, registry, System::currentTimeMillis);
  }

  @Bean
  KafkaStreamsHealthIndicator kafkaStreamsHealthIndicator(KafkaStreamsLifecycle lifecycle) {
    return new KafkaStreamsHealthIndicator(lifecycle);
  }
}
