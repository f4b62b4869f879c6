package dev.punctual.benchmarks.cluster;

import dev.punctual.api.ApiApplication;
import dev.punctual.benchmarks.BenchmarkOptions;
import dev.punctual.embedded.EmbeddedKafka;
import dev.punctual.embedded.EmbeddedPostgres;
import dev.punctual.embedded.FreePorts;
import dev.punctual.model.topic.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A broker in this JVM, one scheduler and one worker as separate processes, and (on first use)
 * PostgreSQL and the API in this JVM. Data lives in a temporary directory removed at close; the
 * processes' logs stay beside the report, in {@code logs/<label>}.
 */
public final class EmbeddedCluster implements Cluster {

  /** The topic Kafka targets of benchmark jobs write to. */
  public static final String OUTPUT_TOPIC = "bench.out";

  /** The topic the raw producer writes to. */
  public static final String RAW_TOPIC = "bench.raw";

  private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

  private final Path home;
  private final Path logs;
  private final String schedulerHeap;
  private final boolean jfr;
  private final EmbeddedKafka kafka;
  private final List<ServiceProcess> schedulers = new CopyOnWriteArrayList<>();
  private final List<ServiceProcess> workers = new CopyOnWriteArrayList<>();
  private final List<AutoCloseable> resources = new ArrayList<>();
  private EmbeddedPostgres postgres;
  private ConfigurableApplicationContext api;

  private EmbeddedCluster(
      Path home, Path logs, String schedulerHeap, boolean jfr, EmbeddedKafka kafka) {
    this.home = home;
    this.logs = logs;
    this.schedulerHeap = schedulerHeap;
    this.jfr = jfr;
    this.kafka = kafka;
  }

  /**
   * Starts a cluster whose service logs go to {@code logs/<label>} beside the report.
   *
   * @param label names the cluster: the first scenario that runs on it
   */
  public static EmbeddedCluster start(BenchmarkOptions options, String label) {
    Path home;
    try {
      home = Files.createTempDirectory("punctual-bench-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    var kafka =
        EmbeddedKafka.start(
            home.resolve("kafka"),
            0,
            0,
            Map.of("num.partitions", String.valueOf(options.partitions())));
    var topics = new ArrayList<>(Topics.DEFAULT.newTopics(options.partitions(), (short) 1));
    topics.add(new NewTopic(OUTPUT_TOPIC, options.partitions(), (short) 1));
    topics.add(new NewTopic(RAW_TOPIC, options.partitions(), (short) 1));
    kafka.createTopics(topics);
    var logs = options.logsOf(label);
    deleteRecursively(logs);
    var cluster = new EmbeddedCluster(home, logs, options.schedulerHeap(), options.jfr(), kafka);
    cluster.addScheduler("scheduler-1", true);
    var worker =
        ServiceProcess.start(
            "worker",
            Jars.worker(),
            "1g",
            List.of("--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers()),
            logs,
            options.jfr());
    cluster.workers.add(worker);
    worker.awaitReady(READY_TIMEOUT);
    return cluster;
  }

  @Override
  public String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  @Override
  public synchronized Optional<String> apiUrl() {
    if (api == null) {
      postgres = EmbeddedPostgres.start(home.resolve("postgres"), 0);
      // Metrics on the API's own port, where the scenario reads them. Security off, loopback
      // only and no rate limit: the API as the standalone (./punctual run) ships it.
      int free = FreePorts.any();
      api =
          ApiApplication.builder()
              .run(
                  "--server.port=" + free,
                  "--management.server.port=" + free,
                  "--punctual.api.rate-limit.enabled=false",
                  "--server.address=127.0.0.1",
                  "--punctual.api.security.enabled=false",
                  "--spring.main.banner-mode=off",
                  "--logging.level.root=WARN",
                  "--spring.datasource.url=" + postgres.jdbcUrl(),
                  "--spring.datasource.username=" + postgres.username(),
                  "--spring.datasource.password=" + postgres.password(),
                  "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers());
    }
    return Optional.of("http://localhost:" + apiPort());
  }

  @Override
  public synchronized Optional<String> apiManagementUrl() {
    apiUrl();
    // Set only when management has a port of its own; otherwise it shares the API's.
    var port = api.getEnvironment().getProperty("local.management.port", Integer.class);
    return Optional.of("http://localhost:" + (port == null ? apiPort() : port));
  }

  private int apiPort() {
    return ((org.springframework.boot.web.server.context.WebServerApplicationContext) api)
        .getWebServer()
        .getPort();
  }

  @Override
  public List<ServiceProcess> schedulers() {
    return List.copyOf(schedulers);
  }

  @Override
  public List<ServiceProcess> workers() {
    return List.copyOf(workers);
  }

  @Override
  public boolean controlsProcesses() {
    return true;
  }

  @Override
  public synchronized ServiceProcess addScheduler(String name, boolean freshState) {
    var stateDir = home.resolve("state").resolve(name);
    if (freshState) {
      deleteRecursively(stateDir);
    }
    var scheduler =
        ServiceProcess.start(
            name,
            Jars.scheduler(),
            schedulerHeap,
            List.of(
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--punctual.scheduler.state-dir=" + stateDir,
                "--punctual.scheduler.instance-id=" + name,
                // One standby, so that a second instance keeps a warm copy for failover.
                "--punctual.scheduler.num-standby-replicas=1"),
            logs,
            jfr);
    schedulers.add(scheduler);
    scheduler.awaitReady(READY_TIMEOUT);
    return scheduler;
  }

  @Override
  public void forget(ServiceProcess scheduler) {
    schedulers.remove(scheduler);
  }

  /** Where the service processes write their logs (kept after the run, beside the report). */
  public Path logs() {
    return logs;
  }

  @Override
  public void close() {
    schedulers.forEach(ServiceProcess::close);
    workers.forEach(ServiceProcess::close);
    for (var resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        // keep closing the rest
      }
    }
    if (api != null) {
      api.close();
    }
    if (postgres != null) {
      postgres.close();
    }
    kafka.close();
    deleteRecursively(home);
  }

  static void deleteRecursively(Path path) {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> files = Files.walk(path)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
