package dev.punctual.worker.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.punctual.worker.execution.LoopStatus.State;
import org.junit.jupiter.api.Test;

class LoopStatusTest {

  private final LoopStatus status = new LoopStatus();

  @Test
  void runsOnceAssignedAndStartsAgainAfterAFailure() {
    assertThat(status.state()).isEqualTo(State.STARTING);

    status.assigned(3);
    assertThat(status.state()).isEqualTo(State.RUNNING);
    assertThat(status.partitions()).isEqualTo(3);

    status.state(State.RESTARTING);
    status.state(State.STARTING);
    assertThat(status.state()).isEqualTo(State.STARTING);
    status.assigned(0);
    assertThat(status.state()).isEqualTo(State.RUNNING);
  }

  @Test
  void stoppingIsFinalWhateverALateSessionReports() {
    status.assigned(2);
    status.state(State.STOPPING);

    status.assigned(2);
    status.state(State.RESTARTING);
    assertThat(status.state()).isEqualTo(State.STOPPING);

    status.state(State.STOPPED);
    status.state(State.STARTING);
    assertThat(status.state()).isEqualTo(State.STOPPED);
  }
}
