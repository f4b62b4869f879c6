package dev.punctual.worker.system;

import dev.punctual.worker.execution.LoopStatus;
import dev.punctual.worker.execution.WorkerMetrics;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code fireConsumer} in {@code /actuator/health} and in the readiness group: UP once the fire
 * consumer joined its group and received an assignment (an empty one counts: that worker is a
 * standby while others own every partition), DOWN while it starts, restarts after a failure or
 * stops. Details: {@code state}, {@code partitions} owned, {@code inFlight} executions.
 */
final class FireConsumerHealthIndicator implements HealthIndicator {

  private final LoopStatus status;
  private final WorkerMetrics metrics;

  FireConsumerHealthIndicator(LoopStatus status, WorkerMetrics metrics) {
    this.status = status;
    this.metrics = metrics;
  }

  @Override
  public Health health() {
    var state = status.state();
    return (state == LoopStatus.State.RUNNING ? Health.up() : Health.down())
        .withDetail("state", state.name())
        .withDetail("partitions", status.partitions())
        .withDetail("inFlight", metrics.inFlightCount())
        .build();
  }
}
