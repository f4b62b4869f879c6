package dev.punctual.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.punctual.embedded.FreePorts;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The applications start side by side ({@link PunctualSystem}): when one of them cannot start, the
 * start fails with its reason, the API does not open, and everything that had started is stopped
 * again, so that its ports are free.
 */
class StartFailureIT {

  @TempDir Path data;

  @Test
  void aSchedulerThatCannotStartFailsTheStartKeepsTheApiClosedAndStopsTheRest() {
    var settings = StandaloneProperties.forTestsOnFreePorts(data);

    // only the scheduler reads this setting, and refuses the value
    assertThatThrownBy(
            () ->
                PunctualSystem.start(settings, List.of("--punctual.scheduler.commit-interval=0s")))
        .satisfies(
            failure -> {
              assertThat(chain(failure)).contains("commit-interval must be positive");
              assertThat(Arrays.stream(failure.getSuppressed()).map(StartFailureIT::chain))
                  .anySatisfy(
                      api ->
                          assertThat(api)
                              .contains(
                                  "not opening the API: the scheduler or the worker did not"
                                      + " start"));
            });

    for (int port :
        List.of(
            settings.kafkaPort(),
            settings.kafkaControllerPort(),
            settings.postgresPort(),
            settings.apiPort(),
            settings.schedulerPort(),
            settings.workerPort(),
            settings.apiManagementPort())) {
      assertThat(FreePorts.isFree(port)).as("port %d free again", port).isTrue();
    }
  }

  /** The messages of a throwable and its causes, one string. */
  private static String chain(Throwable failure) {
    var messages = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      messages.append(t).append('\n');
    }
    return messages.toString();
  }
}
