package dev.punctual.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One standalone system (and one HTTP target) for every integration test of this module, started on
 * first use and stopped when the test JVM exits: starting the whole system costs far more than any
 * single test. Its worker reads secrets from {@link #secretsDir()}; every log line of the run also
 * goes to {@link #LOG_FILE} (see logback-test.xml).
 */
final class SharedSystem {

  /** Where logback-test.xml writes every log line of the test JVM, relative to the module. */
  static final Path LOG_FILE = Path.of("target", "standalone-it.log");

  private static PunctualSystem system;
  private static TargetServer target;
  private static Path secretsDir;

  private SharedSystem() {}

  static synchronized PunctualSystem get() {
    if (system == null) {
      try {
        var data = Files.createTempDirectory("punctual-standalone-it-");
        secretsDir = Files.createDirectory(data.resolve("secrets"));
        system =
            PunctualSystem.start(
                StandaloneProperties.forTests(data),
                List.of("--punctual.worker.secrets-dir=" + secretsDir));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(SharedSystem::stop, "stop-shared-system"));
    }
    return system;
  }

  /** The worker's {@code punctual.worker.secrets-dir}: a file NAME there is the secret NAME. */
  static synchronized Path secretsDir() {
    get();
    return secretsDir;
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
