package dev.punctual.benchmarks.cluster;

import dev.punctual.benchmarks.BenchmarkOptions;
import dev.punctual.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Every part of Punctual in a process of its own, as a production installation runs them: the
 * broker ({@link BrokerProcess}, its log directory kept across restarts), schedulers, workers and
 * API instances (three, two and two unless the options say otherwise); PostgreSQL runs as zonky's
 * server process, started by this JVM. Any scheduler, worker or API can be killed with SIGKILL and
 * started again with the same settings (a scheduler keeps its state directory and static membership
 * id), and the broker can be restarted, which is what the chaos scenario does. Logs go to {@code
 * logs/<label>} beside the report, one file per process name (a restarted process appends to its
 * file).
 */
public final class ChaosCluster implements Cluster {

  // Seven JVMs starting at once on a small, busy machine (CI) take minutes, not seconds.
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(6);

  private final Path home;
  private final Path logs;
  private final BenchmarkOptions options;
  private final BrokerProcess broker;
  private final EmbeddedPostgres postgres;
  private final List<Slot> slots = new CopyOnWriteArrayList<>();

  /** One process the cluster keeps running: its role, name, and how to start it again. */
  public final class Slot {
    private final String role;
    private final String name;
    private final Supplier<ServiceProcess> starter;
    private volatile ServiceProcess process;

    private Slot(String role, String name, Supplier<ServiceProcess> starter) {
      this.role = role;
      this.name = name;
      this.starter = starter;
    }

    public String role() {
      return role;
    }

    public String name() {
      return name;
    }

    public ServiceProcess process() {
      return process;
    }

    /** Kills the process with SIGKILL and starts it again; returns once it is ready. */
    public void killAndRestart() {
      process.kill();
      start();
    }

    private void start() {
      launch();
      process.awaitReady(READY_TIMEOUT);
    }

    private void launch() {
      process = starter.get();
    }
  }

  private ChaosCluster(
      Path home,
      Path logs,
      BenchmarkOptions options,
      BrokerProcess broker,
      EmbeddedPostgres postgres) {
    this.home = home;
    this.logs = logs;
    this.options = options;
    this.broker = broker;
    this.postgres = postgres;
  }

  /** Starts the broker, PostgreSQL and the service processes. */
  public static ChaosCluster start(BenchmarkOptions options, String label) {
    Path home;
    try {
      home = Files.createTempDirectory("punctual-chaos-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    var logs = options.logsOf(label);
    EmbeddedCluster.deleteRecursively(logs);
    var broker = BrokerProcess.start(home.resolve("kafka"), logs, options.partitions());
    EmbeddedPostgres postgres = null;
    try {
      postgres = EmbeddedPostgres.start(home.resolve("postgres"), 0);
      var cluster = new ChaosCluster(home, logs, options, broker, postgres);
      try {
        cluster.startServices();
        return cluster;
      } catch (RuntimeException e) {
        cluster.close();
        throw e;
      }
    } catch (RuntimeException e) {
      if (postgres != null) {
        postgres.close();
      }
      broker.close();
      throw e;
    }
  }

  /** Launches all at once (start-up dominates a short run), then waits for each. */
  private void startServices() {
    for (int i = 1; i <= options.chaosApis(); i++) {
      add("api", "api-" + i, Jars.api(), "512m", apiArguments());
    }
    for (int i = 1; i <= options.chaosSchedulers(); i++) {
      var name = "scheduler-" + i;
      add("scheduler", name, Jars.scheduler(), options.schedulerHeap(), schedulerArguments(name));
    }
    for (int i = 1; i <= options.chaosWorkers(); i++) {
      var name = "worker-" + i;
      add("worker", name, Jars.worker(), "512m", workerArguments(name));
    }
    slots.forEach(slot -> slot.process().awaitReady(READY_TIMEOUT));
  }

  private void add(String role, String name, Path jar, String heap, List<String> args) {
    var slot =
        new Slot(
            role, name, () -> ServiceProcess.start(name, jar, heap, args, logs, options.jfr()));
    slots.add(slot);
    slot.launch();
  }

  private List<String> apiArguments() {
    return List.of(
        "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
        "--spring.datasource.url=" + postgres.jdbcUrl(),
        "--spring.datasource.username=" + postgres.username(),
        "--spring.datasource.password=" + postgres.password(),
        // Security off (loopback only) and no rate limit: the clients are the benchmark's.
        "--server.address=127.0.0.1",
        "--punctual.api.security.enabled=false",
        "--punctual.api.rate-limit.enabled=false");
  }

  private List<String> schedulerArguments(String name) {
    return List.of(
        "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
        "--punctual.scheduler.state-dir=" + home.resolve("state").resolve(name),
        "--punctual.scheduler.instance-id=" + name,
        "--punctual.scheduler.num-standby-replicas=1",
        // Eight JVMs share the machine, as in the standalone, which sets the same for the same
        // reason: the 2 s defaults (for a takeover within seconds) fence an instance whenever it
        // stalls longer, and a machine this busy stalls all the time. The failover scenario
        // measures takeover speed; this one checks correctness, and a SIGKILLed scheduler's tasks
        // still move, about 10 s later.
        "--punctual.scheduler.session-timeout=10s",
        "--punctual.scheduler.transaction-timeout=10s");
  }

  private List<String> workerArguments(String name) {
    return List.of(
        "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
        "--punctual.worker.worker-id=" + name,
        // The targets are the benchmark's HTTP server on loopback (the standalone allows the same).
        "--punctual.worker.allowed-cidrs=127.0.0.0/8,::1/128");
  }

  /** The schedulers, workers and API instances, each of which may be killed and restarted. */
  public List<Slot> slots() {
    return List.copyOf(slots);
  }

  /** The API instances' current base URLs (a restarted instance listens on a new port). */
  public List<String> apiUrls() {
    var urls = new ArrayList<String>();
    for (var slot : slots) {
      if (slot.role().equals("api")) {
        urls.add(slot.process().url());
      }
    }
    return urls;
  }

  /** Restarts the broker on the same log directory and port; returns once it serves again. */
  public void restartBroker() {
    broker.restart();
  }

  /** The database the API instances share, for checks after the run. */
  public DataSource database() {
    return postgres.dataSource();
  }

  /** Where the processes' logs are. */
  public Path logs() {
    return logs;
  }

  @Override
  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  @Override
  public Optional<String> apiUrl() {
    return Optional.of(apiUrls().get(0));
  }

  @Override
  public Optional<String> apiManagementUrl() {
    return apiUrl();
  }

  @Override
  public boolean controlsProcesses() {
    return true;
  }

  @Override
  public void close() {
    for (var slot : slots) {
      if (slot.process() != null) {
        slot.process().close();
      }
    }
    broker.close();
    postgres.close();
    EmbeddedCluster.deleteRecursively(home);
  }
}
