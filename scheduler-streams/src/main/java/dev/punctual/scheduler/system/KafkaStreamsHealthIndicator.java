package dev.punctual.scheduler.system;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code kafkaStreams} in {@code /actuator/health} (and in the readiness group): UP while Kafka
 * Streams is running or rebalancing, DOWN otherwise (not started yet, shutting down, failed).
 */
public final class KafkaStreamsHealthIndicator implements HealthIndicator {

  private final KafkaStreamsLifecycle lifecycle;

  public KafkaStreamsHealthIndicator(KafkaStreamsLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public Health health() {
    var state = lifecycle.state();
    var builder =
        state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING
            ? Health.up()
            : Health.down();
    return builder.withDetail("state", state == null ? "NOT_STARTED" : state.name()).build();
  }
}
