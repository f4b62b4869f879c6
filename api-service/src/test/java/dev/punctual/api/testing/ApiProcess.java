package dev.punctual.api.testing;

import static org.awaitility.Awaitility.await;

import dev.punctual.embedded.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The API service as a separate process started from this module's runnable jar ({@code
 * target/api-service-*-exec.jar}, which {@code package} builds before Failsafe runs), for tests
 * that kill it with SIGKILL: no shutdown hook, no flush, no commit after the kill. It listens on
 * loopback on free ports, with security off; its output goes to {@code target/<name>.log}.
 */
public final class ApiProcess implements AutoCloseable {

  private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);

  private final String name;
  private final Process process;
  private final int port;
  private final Path log;

  private ApiProcess(String name, Process process, int port, Path log) {
    this.name = name;
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Starts an instance with these further command-line settings and waits until it is ready. */
  public static ApiProcess start(String name, List<String> arguments) {
    int port = FreePorts.any();
    var command = new ArrayList<String>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    // A small heap and the quick compiler: the test needs it up soon, not fast.
    command.addAll(List.of("-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    command.addAll(List.of("-jar", jar().toString()));
    command.add("--server.port=" + port);
    command.add("--server.address=127.0.0.1");
    command.add("--management.server.port=" + FreePorts.any());
    command.add("--management.server.address=127.0.0.1");
    command.add("--spring.main.banner-mode=off");
    command.add("--logging.level.root=WARN");
    command.add("--logging.level.dev.punctual=INFO");
    command.add("--punctual.api.security.enabled=false");
    command.add("--punctual.api.retry-backoff=200ms");
    command.add("--punctual.api.rate-limit.requests-per-second=100000");
    command.add("--punctual.api.rate-limit.burst=1000000");
    command.addAll(arguments);
    var log = Path.of("target", name + ".log").toAbsolutePath();
    Process process;
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
    var api = new ApiProcess(name, process, port, log);
    try {
      api.awaitReady();
      return api;
    } catch (RuntimeException | Error e) {
      api.close();
      throw e;
    }
  }

  public ApiClient api() {
    return new ApiClient(port);
  }

  /** SIGKILL, and waits until the process is gone. */
  public void kill() {
    process.destroyForcibly();
    waitFor(Duration.ofSeconds(30));
  }

  /** SIGTERM (SIGKILL after a minute), and waits until the process is gone. */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      if (!waitFor(Duration.ofMinutes(1))) {
        kill();
      }
    }
  }

  private void awaitReady() {
    await("readiness of " + name + " (log: " + log + ")")
        .atMost(READY_TIMEOUT)
        .pollInterval(Duration.ofMillis(250))
        .ignoreException(UncheckedIOException.class)
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new AssertionError(name + " exited; see " + log);
              }
              return api().get("/actuator/health/readiness").status() == 200;
            });
  }

  private boolean waitFor(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static Path jar() {
    try (var files = Files.list(Path.of("target"))) {
      return files
          .filter(p -> p.getFileName().toString().matches("api-service-.*-exec\\.jar"))
          .findFirst()
          .orElseThrow(
              () -> new IllegalStateException("no runnable jar in target: run mvn package first"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
