package dev.punctual.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.punctual.scheduler.system.SchedulerProperties;
import dev.punctual.worker.system.WorkerProperties;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StandaloneSettingsTest {

  @Test
  void defaultsMatchTheDocumentedPorts() {
    var settings = StandaloneApplication.readSettings(new String[0]);

    assertThat(settings.dataDir().toAbsolutePath().normalize())
        .isEqualTo(Path.of("data").toAbsolutePath());
    assertThat(settings.apiPort()).isEqualTo(3015);
    assertThat(settings.kafkaPort()).isEqualTo(9092);
    assertThat(settings.partitions()).isEqualTo(6);
    assertThat(settings.topicPrefix()).isEqualTo("scheduler.");
  }

  @Test
  void theSchedulerLooksAfterTheOffsetsOfTheWorkersDefaultGroup() {
    // The scheduler's hanging-transaction check covers the workers' group by its default id.
    assertThat(SchedulerProperties.DEFAULT_WORKER_GROUP_ID)
        .isEqualTo(WorkerProperties.DEFAULT_GROUP_ID);
  }

  @Test
  void commandLineArgumentsOverrideTheDefaults() {
    var settings =
        StandaloneApplication.readSettings(
            new String[] {
              "--punctual.standalone.data-dir=/var/lib/punctual",
              "--punctual.standalone.kafka-port=19092",
              "--punctual.standalone.partitions=12"
            });

    assertThat(settings.dataDir()).isEqualTo(Path.of("/var/lib/punctual"));
    assertThat(settings.kafkaPort()).isEqualTo(19092);
    assertThat(settings.partitions()).isEqualTo(12);
  }

  @Test
  void passThroughArgumentsAreParsedAndTheLastValueWins() {
    var parsed =
        ServiceArguments.parse(
            java.util.List.of("--logging.level.kafka=INFO", "--a.b=1", "--a.b=2", "--url=x=y"));

    assertThat(parsed)
        .containsEntry("logging.level.kafka", "INFO")
        .containsEntry("a.b", "2")
        .containsEntry("url", "x=y");
  }

  @Test
  void argumentsThatAreNotKeyValuePairsAreRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> ServiceArguments.parse(java.util.List.of("--debug")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--key=value");
  }
}
