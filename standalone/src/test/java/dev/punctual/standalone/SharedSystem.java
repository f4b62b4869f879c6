package dev.punctual.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

/**
 * One standalone system (and one HTTP target) for every integration test of this module, started on
 * first use and stopped when the test JVM exits: starting the whole system costs far more than any
 * single test.
 */
final class SharedSystem {

  private static PunctualSystem system;
  private static TargetServer target;

  private SharedSystem() {}

  static synchronized PunctualSystem get() {
    if (system == null) {
      try {
        var data = Files.createTempDirectory("punctual-standalone-it-");
        system = PunctualSystem.start(StandaloneProperties.forTests(data), List.of());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(SharedSystem::stop, "stop-shared-system"));
    }
    return system;
  }

  static synchronized TargetServer target() {
    if (target == null) {
      target = new TargetServer();
    }
    return target;
  }

  private static synchronized void stop() {
    if (system != null) {
      system.close();
    }
    if (target != null) {
      target.close();
    }
  }
}
