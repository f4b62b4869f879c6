package dev.punctual.benchmarks.cluster;

import dev.punctual.embedded.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;

/**
 * A Kafka broker ({@link BrokerMain}) as a child process of the benchmark, started from the
 * benchmark's own class path: directly when it runs from classes (tests), through Spring Boot's
 * {@code PropertiesLauncher} when it runs from its runnable jar ({@code ./punctual bench}). Its
 * ports and log directory are chosen once, so every restart serves the same data on the same
 * address, as a restarted production broker does. Output goes to {@code <logDir>/broker.log}.
 */
public final class BrokerProcess implements AutoCloseable {

  private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);

  private final Path dataDir;
  private final Path log;
  private final int port = FreePorts.any();
  private final int controllerPort = FreePorts.any();
  private final int partitions;
  private Process process;

  private BrokerProcess(Path dataDir, Path logDir, int partitions) {
    this.dataDir = dataDir;
    this.log = logDir.resolve("broker.log");
    this.partitions = partitions;
  }

  /** Starts the broker and waits until its topics exist. */
  public static BrokerProcess start(Path dataDir, Path logDir, int partitions) {
    var broker = new BrokerProcess(dataDir, logDir, partitions);
    broker.launch();
    return broker;
  }

  public String bootstrapServers() {
    return "localhost:" + port;
  }

  /**
   * Stops the broker (SIGTERM: a controlled restart, as an operator's rolling restart does) and
   * starts it again on the same log directory and ports; returns once it serves again.
   */
  public void restart() {
    stop();
    launch();
  }

  @Override
  public void close() {
    stop();
  }

  private void stop() {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void launch() {
    try {
      Files.createDirectories(log.getParent());
      long offset = Files.exists(log) ? Files.size(log) : 0;
      process =
          new ProcessBuilder(command())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      awaitReady(offset);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the broker", e);
    }
  }

  /** Waits for {@link BrokerMain#READY} in the log, after what earlier runs wrote there. */
  private void awaitReady(long offset) throws IOException {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the broker exited; see " + log);
      }
      try (var file = Files.newInputStream(log)) {
        file.skipNBytes(Math.min(offset, Files.size(log)));
        if (new String(file.readAllBytes()).contains(BrokerMain.READY)) {
          return;
        }
      }
      ServiceProcess.pause(Duration.ofMillis(200));
    }
    throw new IllegalStateException("the broker was not ready within " + READY_TIMEOUT);
  }

  private List<String> command() {
    var command = new ArrayList<String>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-Xmx1g");
    // Console logging only (into broker.log); the benchmark's own logback.xml writes to a file
    // this JVM holds.
    command.add("-Dlogback.configurationFile=logback-broker.xml");
    var classPath = System.getProperty("java.class.path");
    command.add("-cp");
    command.add(classPath);
    if (isRunnableJar(classPath)) {
      command.add("-Dloader.main=" + BrokerMain.class.getName());
      command.add("org.springframework.boot.loader.launch.PropertiesLauncher");
    } else {
      command.add(BrokerMain.class.getName());
    }
    command.addAll(
        List.of(
            dataDir.toString(),
            String.valueOf(port),
            String.valueOf(controllerPort),
            String.valueOf(partitions)));
    return command;
  }

  /** Whether the class path is one Spring Boot runnable jar (classes under BOOT-INF). */
  private static boolean isRunnableJar(String classPath) {
    if (classPath.contains(java.io.File.pathSeparator) || !classPath.endsWith(".jar")) {
      return false;
    }
    try (var jar = new ZipFile(classPath)) {
      return jar.getEntry("BOOT-INF/classes/") != null;
    } catch (IOException e) {
      return false;
    }
  }
}
