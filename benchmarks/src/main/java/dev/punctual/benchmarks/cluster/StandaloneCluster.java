package dev.punctual.benchmarks.cluster;

import dev.punctual.benchmarks.BenchmarkOptions;
import dev.punctual.embedded.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.IntPredicate;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What {@code ./punctual run} starts: the standalone's runnable jar as a child process, with its
 * defaults, and with the AOT cache the script trains on a JDK 25+ when there is one ({@link
 * StandaloneLaunch}). The benchmark gives it only a fresh data directory, and other ports where a
 * default one is taken (another copy of Punctual may run on this machine). Its output goes to
 * {@code logs/<label>/standalone.log} beside the report. {@link #start} returns as soon as the REST
 * API is ready, as a user would start using it; {@link #awaitReady} waits for the scheduler and the
 * worker too.
 */
public final class StandaloneCluster implements Cluster {

  /** The standalone's ports with their defaults, by the setting that moves each. */
  static final Map<String, Integer> DEFAULT_PORTS =
      Collections.unmodifiableMap(
          new TreeMap<>(
              Map.of(
                  "kafka-port", 9092,
                  "kafka-controller-port", 9093,
                  "postgres-port", 15432,
                  "api-port", 3015,
                  "scheduler-port", 3016,
                  "worker-port", 3017,
                  "api-management-port", 3018)));

  private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

  private final Path data;
  private final Map<String, Integer> ports;
  private final ServiceProcess process;
  private final StandaloneLaunch launch;
  private final long launchedAt;
  private long apiReadyAt;

  private StandaloneCluster(
      Path data, Map<String, Integer> ports, ServiceProcess process, StandaloneLaunch launch) {
    this.data = data;
    this.launch = launch;
    this.ports = ports;
    this.process = process;
    this.launchedAt = System.currentTimeMillis();
  }

  /**
   * Starts the standalone, waits until its API is ready and creates the benchmark's output topic.
   *
   * @param label names the run: its log goes to {@code logs/<label>}
   */
  public static StandaloneCluster start(BenchmarkOptions options, String label) {
    Path data;
    try {
      data = Files.createTempDirectory("punctual-bench-standalone-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    var ports = ports(FreePorts::isFree, FreePorts::any);
    var args = new ArrayList<String>();
    args.add("--punctual.standalone.data-dir=" + data);
    ports.forEach(
        (setting, port) -> {
          if (!port.equals(DEFAULT_PORTS.get(setting))) {
            args.add("--punctual.standalone." + setting + "=" + port);
          }
        });
    var logs = options.logsOf(label);
    EmbeddedCluster.deleteRecursively(logs);
    var current = StandaloneLaunch.current();
    var standalone =
        new StandaloneLaunch(
            current.jar(),
            Stream.concat(current.jvmOptions().stream(), options.standaloneJvmOptions().stream())
                .toList(),
            current.aotCache());
    var launch =
        new JavaLaunch(
            "standalone", standalone.jar(), standalone.jvmOptions(), args, logs, options.jfr());
    var cluster =
        new StandaloneCluster(
            data, ports, ServiceProcess.launch(launch, ports.get("api-port")), standalone);
    try {
      cluster.process.awaitReady(READY_TIMEOUT);
      cluster.apiReadyAt = System.currentTimeMillis();
      OutputTopic.ensure(cluster.bootstrapServers(), options.partitions());
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /** Every default port that is free, and a free one instead of each that is taken. */
  static Map<String, Integer> ports(IntPredicate isFree, IntSupplier anyFree) {
    var ports = new TreeMap<String, Integer>();
    DEFAULT_PORTS.forEach(
        (setting, port) -> ports.put(setting, isFree.test(port) ? port : anyFree.getAsInt()));
    return ports;
  }

  /** Waits until the scheduler and the worker are ready as well. */
  public void awaitReady() {
    process.awaitReady(local("scheduler-port"), READY_TIMEOUT);
    process.awaitReady(local("worker-port"), READY_TIMEOUT);
  }

  /** The standalone's process: its resident memory, its log. */
  public ServiceProcess process() {
    return process;
  }

  /** How it was started: the jar, and the AOT cache if {@code ./punctual run} trained one. */
  public StandaloneLaunch launch() {
    return launch;
  }

  /** When the process was started, in epoch milliseconds. */
  public long launchedAt() {
    return launchedAt;
  }

  /** When its REST API first answered ready, in epoch milliseconds. */
  public long apiReadyAt() {
    return apiReadyAt;
  }

  /** How many lines of the standalone's log contain {@code pattern}. */
  public long logLines(Pattern pattern) {
    try (var lines = Files.lines(process.log())) {
      return lines.filter(line -> pattern.matcher(line).find()).count();
    } catch (IOException | UncheckedIOException e) {
      return -1;
    }
  }

  @Override
  public String bootstrapServers() {
    return "127.0.0.1:" + ports.get("kafka-port");
  }

  @Override
  public Optional<String> apiUrl() {
    return Optional.of(local("api-port"));
  }

  @Override
  public Optional<String> apiManagementUrl() {
    return Optional.of(local("api-management-port"));
  }

  /** Stops the standalone with SIGTERM (it stops its services, then writes its recording). */
  @Override
  public void close() {
    process.close();
    EmbeddedCluster.deleteRecursively(data);
  }

  private String local(String port) {
    return "http://127.0.0.1:" + ports.get(port);
  }
}
