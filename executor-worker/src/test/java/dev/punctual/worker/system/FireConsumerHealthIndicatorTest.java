package dev.punctual.worker.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.punctual.worker.execution.LoopStatus;
import dev.punctual.worker.execution.WorkerMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

class FireConsumerHealthIndicatorTest {

  @Test
  void isDownWhileTheConsumerHasNoAssignmentYetAndSaysWhere() {
    var health =
        new FireConsumerHealthIndicator(
            new LoopStatus(), new WorkerMetrics(new SimpleMeterRegistry()));

    var report = health.health();

    assertThat(report.getStatus()).isEqualTo(Status.DOWN);
    assertThat(report.getDetails())
        .containsEntry("state", "STARTING")
        .containsEntry("partitions", 0)
        .containsEntry("inFlight", 0);
  }
}
