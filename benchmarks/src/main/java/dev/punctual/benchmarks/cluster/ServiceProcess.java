package dev.punctual.benchmarks.cluster;

import dev.punctual.embedded.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** A Punctual service running as a child process from its runnable jar. */
public final class ServiceProcess implements AutoCloseable {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final Pattern HEAP_VALUE = Pattern.compile("\"value\"\\s*:\\s*([0-9.Ee+]+)");

  private final String name;
  private final Process process;
  private final int port;
  private final Path log;

  private ServiceProcess(String name, Process process, int port, Path log) {
    this.name = name;
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /**
   * Starts {@code java -Xmx<heap> -jar <jar> --server.port=<free> <args>}, logging to a file in
   * {@code logDir}; with {@code jfr}, recording a profile there too (see {@link JavaLaunch}).
   */
  public static ServiceProcess start(
      String name, Path jar, String heap, List<String> args, Path logDir, boolean jfr) {
    int port = FreePorts.any();
    var arguments = new ArrayList<String>();
    arguments.add("--server.port=" + port);
    // Health and metrics on that one port (the API would otherwise serve metrics on its own).
    arguments.add("--management.server.port=" + port);
    arguments.add("--spring.main.banner-mode=off");
    arguments.add("--logging.level.root=WARN");
    arguments.add("--logging.level.dev.punctual=INFO");
    arguments.add("--logging.level.org.apache.kafka.streams=INFO");
    arguments.addAll(args);
    var launch =
        new JavaLaunch(name, jar, List.of("-Xmx" + heap, "-XX:+UseG1GC"), arguments, logDir, jfr);
    return launch(launch, port);
  }

  /**
   * Starts a process as {@code launch} says.
   *
   * @param port the HTTP port whose {@code /actuator/health/readiness} tells it is ready
   */
  public static ServiceProcess launch(JavaLaunch launch, int port) {
    return new ServiceProcess(launch.name(), launch.start(), port, launch.log());
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public String url() {
    return "http://localhost:" + port;
  }

  /** The file its output goes to. */
  public Path log() {
    return log;
  }

  /** Waits until {@code /actuator/health/readiness} answers 200. */
  public void awaitReady(Duration timeout) {
    awaitReady(url(), timeout);
  }

  /**
   * Waits until {@code <baseUrl>/actuator/health/readiness} answers 200, for a process that serves
   * several applications on ports of their own (the standalone).
   */
  public void awaitReady(String baseUrl, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited; see " + log);
      }
      if (get(baseUrl, "/actuator/health/readiness").statusCode() == 200) {
        return;
      }
      pause(Duration.ofMillis(200));
    }
    throw new IllegalStateException(name + " not ready within " + timeout + "; see " + log);
  }

  /** Heap in use after a full garbage collection, in bytes. */
  public long heapUsedAfterGc() {
    runJcmd("GC.run");
    var body = get("/actuator/metrics/jvm.memory.used?tag=area:heap").body();
    var matcher = HEAP_VALUE.matcher(body);
    if (!matcher.find()) {
      throw new IllegalStateException("no heap figure in " + body);
    }
    return (long) Double.parseDouble(matcher.group(1));
  }

  /** Resident set size of the process, in bytes (Linux). */
  public long residentSetSize() {
    try {
      for (var line : Files.readAllLines(Path.of("/proc/" + pid() + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new IllegalStateException("no VmRSS for process " + pid());
  }

  /** The sum of every sample of a Prometheus metric this service exports, or 0 if none. */
  public double metric(String name) {
    double sum = 0;
    for (var line : get("/actuator/prometheus").body().split("\n")) {
      if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  /** Stops the process in its tracks (SIGSTOP), e.g. to measure another service alone. */
  public void pause() {
    signal("STOP");
  }

  /** Lets a paused process run again (SIGCONT). */
  public void resume() {
    signal("CONT");
  }

  private void signal(String name) {
    try {
      var kill = new ProcessBuilder("kill", "-" + name, String.valueOf(pid())).start();
      kill.waitFor(10, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot send SIG" + name + " to " + this.name, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Kills the process with SIGKILL: no shutdown hook, no commit, no leave-group. */
  public void kill() {
    process.destroyForcibly();
    waitFor(Duration.ofSeconds(30));
  }

  /** Stops the process with SIGTERM and waits for it. */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      if (!waitFor(Duration.ofSeconds(60))) {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(10));
      }
    }
  }

  HttpResponse<String> get(String path) {
    return get(url(), path);
  }

  private static HttpResponse<String> get(String baseUrl, String path) {
    try {
      return HTTP.send(
          HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return new FailedResponse(path);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void runJcmd(String command) {
    var javaHome = Path.of(System.getProperty("java.home"));
    var jcmd = javaHome.resolve("bin/jcmd");
    try {
      var run = new ProcessBuilder(jcmd.toString(), String.valueOf(pid()), command).start();
      run.getInputStream().readAllBytes();
      run.waitFor(60, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run jcmd " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private boolean waitFor(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static void pause(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
