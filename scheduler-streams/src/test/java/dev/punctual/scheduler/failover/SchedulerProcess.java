package dev.punctual.scheduler.failover;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One scheduler instance as a separate JVM: the module's runnable jar, started with the java binary
 * of the test, its output in a file. {@link #kill()} sends SIGKILL (the instance commits nothing
 * and does not leave its group), {@link #stop()} SIGTERM (a clean shutdown).
 */
final class SchedulerProcess implements AutoCloseable {

  private final String name;
  private final Process process;
  private final Path log;

  private SchedulerProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** Starts {@code jar} with {@code arguments}; output goes to {@code <logDir>/<name>.log}. */
  static SchedulerProcess start(String name, Path jar, Path logDir, List<String> arguments) {
    var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    var command = new ArrayList<String>();
    command.add(java);
    // Small and quick to start: C1 only and the serial collector leave the shared CPUs to the
    // work being measured.
    command.addAll(
        List.of(
            "-Xmx256m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-Xshare:auto",
            "--enable-native-access=ALL-UNNAMED",
            "-jar",
            jar.toString()));
    command.addAll(arguments);
    try {
      Files.createDirectories(logDir);
      var log = logDir.resolve(name + ".log");
      var process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      return new SchedulerProcess(name, process, log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start scheduler " + name, e);
    }
  }

  String name() {
    return name;
  }

  Path log() {
    return log;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL: no commit, no leave-group, no shutdown hook. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM, then SIGKILL if it has not exited within {@code grace}. */
  void stop(Duration grace) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
      kill();
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      stop(Duration.ofSeconds(15));
    }
  }
}
