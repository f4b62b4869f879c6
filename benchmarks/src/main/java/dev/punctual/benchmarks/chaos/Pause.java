package dev.punctual.benchmarks.chaos;

import java.time.Duration;

/** The polling interval of the scenario's waits, which all have deadlines of their own. */
final class Pause {

  private Pause() {}

  static void briefly() {
    pause(Duration.ofMillis(200));
  }

  static void pause(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
