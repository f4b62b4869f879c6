package dev.punctual.benchmarks.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SteadyLoadTest {

  @Test
  void spreadsPhasesOverThePeriodFromTheBase() {
    var load = new SteadyLoad(4, Duration.ofSeconds(10));
    var base = Instant.parse("2030-01-01T00:00:00Z");

    assertThat(load.definitions("p-", base).apply(1))
        .contains(
            "\"id\":\"p-1\"", "\"every\":\"PT10S\"", "\"startAt\":\"2030-01-01T00:00:02.500Z\"");
    assertThat(load.firesPerSecond()).isEqualTo(0.4);
  }

  @Test
  void expectsEveryOccurrenceOfEachWindowOnce() {
    var load = new SteadyLoad(4, Duration.ofSeconds(10));
    var base = Instant.ofEpochMilli(0);
    var windows = Window.firstAndNext(0, Duration.ofSeconds(20), Duration.ofSeconds(20));

    assertThat(load.expected(base, windows.get(0))).isEqualTo(8);
    assertThat(load.expected(base, windows.get(1))).isEqualTo(8);
  }
}
