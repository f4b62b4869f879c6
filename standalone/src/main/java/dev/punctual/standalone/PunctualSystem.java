package dev.punctual.standalone;

import dev.punctual.api.ApiApplication;
import dev.punctual.embedded.EmbeddedKafka;
import dev.punctual.embedded.EmbeddedPostgres;
import dev.punctual.model.topic.Topics;
import dev.punctual.scheduler.SchedulerApplication;
import dev.punctual.worker.WorkerApplication;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * The whole system in this JVM: PostgreSQL, a Kafka broker, the topics, and the API, scheduler and
 * worker applications. Closing it stops everything in reverse order.
 */
public final class PunctualSystem implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PunctualSystem.class);

  // added to by the threads that start the applications
  private final List<AutoCloseable> started = Collections.synchronizedList(new ArrayList<>());
  private boolean apiSecured;
  private EmbeddedPostgres postgres;
  private EmbeddedKafka kafka;
  private ConfigurableApplicationContext api;
  private ConfigurableApplicationContext scheduler;
  private Map<String, String> schedulerArguments = Map.of();
  private Map<String, String> userArguments = Map.of();
  private ConfigurableApplicationContext worker;

  private PunctualSystem() {}

  /**
   * Starts everything.
   *
   * @param settings where data lives and which ports to use
   * @param extraArguments further {@code --key=value} arguments given to all three applications
   */
  public static PunctualSystem start(StandaloneProperties settings, List<String> extraArguments) {
    var system = new PunctualSystem();
    try {
      system.startAll(settings, extraArguments);
      return system;
    } catch (RuntimeException e) {
      system.close();
      throw e;
    }
  }

  private void startAll(StandaloneProperties settings, List<String> extraArguments) {
    PortCheck.requireFree(
        Map.of(
            "punctual.standalone.kafka-port", settings.kafkaPort(),
            "punctual.standalone.kafka-controller-port", settings.kafkaControllerPort(),
            "punctual.standalone.postgres-port", settings.postgresPort(),
            "punctual.standalone.api-port", settings.apiPort(),
            "punctual.standalone.scheduler-port", settings.schedulerPort(),
            "punctual.standalone.worker-port", settings.workerPort(),
            "punctual.standalone.api-management-port", settings.apiManagementPort()));
    var data = settings.dataDir().toAbsolutePath().normalize();
    startServers(data, settings);
    var topics = new Topics(settings.topicPrefix());
    kafka.createTopics(topics.newTopics(settings.partitions(), (short) 1));

    var userArguments = ServiceArguments.parse(extraArguments);
    var arguments =
        new ServiceArguments(settings, data, kafka.bootstrapServers(), postgres, userArguments);
    apiSecured = arguments.apiSecured();
    this.schedulerArguments = arguments.scheduler();
    this.userArguments = userArguments;
    startApplications(arguments, userArguments);
  }

  /**
   * Starts the three applications side by side, each on a thread of its own: a Spring application's
   * start-up is mostly one thread's work, so one after the other they left the second core idle
   * (about 14 s of the standalone's start-up on 2 cores). Two rules keep it safe:
   *
   * <ul>
   *   <li>The worker and the API begin once the scheduler's context is prepared, that is once it
   *       has set up logging: Spring Boot sets up Logback once per JVM, and two applications doing
   *       so at the same time can leave every log line suppressed.
   *   <li>The API opens last: its web server starts only when the scheduler and the worker have
   *       started ({@link StartGate}), so once a user can create a job, the scheduler and the
   *       worker that fire and run it are there (and have the rest of the API's start-up to join
   *       their groups), and the first jobs of a fresh start are not late by their start-up.
   * </ul>
   *
   * A failure of any of them fails the start, after the others have ended theirs; what started is
   * remembered, so that {@link #close} stops it.
   */
  private void startApplications(ServiceArguments arguments, Map<String, String> userArguments) {
    var loggingReady = new CompletableFuture<Void>();
    var schedulerStart =
        inThread(
            "punctual-start-scheduler",
            () ->
                run(
                    SchedulerApplication.builder()
                        .listeners(
                            (ApplicationListener<ApplicationPreparedEvent>)
                                event -> loggingReady.complete(null)),
                    schedulerArguments,
                    userArguments));
    schedulerStart.whenComplete((context, failure) -> loggingReady.complete(null));
    var workerStart =
        inThread(
            "punctual-start-worker",
            () -> {
              loggingReady.join();
              return run(WorkerApplication.builder(), arguments.worker(), userArguments);
            });
    var servicesStarted = CompletableFuture.allOf(schedulerStart, workerStart);
    var apiStart =
        inThread(
            "punctual-start-api",
            () -> {
              loggingReady.join();
              return run(
                  ApiApplication.builder()
                      .initializers(
                          context ->
                              context
                                  .getBeanFactory()
                                  .registerSingleton(
                                      "punctualStandaloneStartGate",
                                      new StartGate(servicesStarted))),
                  arguments.api(),
                  arguments.apiUser());
            });
    var failures = new ArrayList<Throwable>();
    scheduler = joined(schedulerStart, failures);
    worker = joined(workerStart, failures);
    api = joined(apiStart, failures);
    throwFirst(failures);
  }

  /**
   * Holds the API's web server until the scheduler and the worker have started: a lifecycle bean of
   * the phase just before the web server's ({@code WebServerStartStopLifecycle}, one phase step
   * below {@link WebServerGracefulShutdownLifecycle#SMART_LIFECYCLE_PHASE}).
   */
  static final class StartGate implements SmartLifecycle {

    private final CompletableFuture<Void> servicesStarted;
    private volatile boolean running;

    StartGate(CompletableFuture<Void> servicesStarted) {
      this.servicesStarted = servicesStarted;
    }

    @Override
    public void start() {
      try {
        servicesStarted.join();
      } catch (CompletionException e) {
        throw new IllegalStateException(
            "not opening the API: the scheduler or the worker did not start", e.getCause());
      }
      running = true;
    }

    @Override
    public void stop() {
      running = false;
    }

    @Override
    public boolean isRunning() {
      return running;
    }

    @Override
    public int getPhase() {
      return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 1024 - 1;
    }
  }

  private static <T> CompletableFuture<T> inThread(String name, Supplier<T> work) {
    var result = new CompletableFuture<T>();
    Thread.ofPlatform()
        .name(name)
        .start(
            () -> {
              try {
                result.complete(work.get());
              } catch (Throwable e) {
                result.completeExceptionally(e);
              }
            });
    return result;
  }

  /** Throws the first of {@code failures}, if any, with the others suppressed in it. */
  private static void throwFirst(List<Throwable> failures) {
    if (failures.isEmpty()) {
      return;
    }
    var first = failures.getFirst();
    var failure =
        first instanceof RuntimeException r
            ? r
            : new IllegalStateException(first.getMessage(), first);
    failures.stream().skip(1).filter(f -> f != first).forEach(failure::addSuppressed);
    throw failure;
  }

  private static <T> @Nullable T joined(CompletableFuture<T> start, List<Throwable> failures) {
    try {
      return start.join();
    } catch (CompletionException e) {
      failures.add(e.getCause());
      return null;
    }
  }

  /**
   * Starts PostgreSQL and the broker side by side: neither needs the other, and on a fresh data
   * directory the database's {@code initdb} runs in a process of its own, so the second core is
   * otherwise idle while the broker starts (about 1.5 s of the standalone's start-up on 2 cores).
   * Whatever started is remembered, so that a failure of either stops the other.
   */
  private void startServers(Path data, StandaloneProperties settings) {
    var postgresStart =
        inThread(
            "punctual-start-postgres",
            () -> EmbeddedPostgres.start(data.resolve("postgres"), settings.postgresPort()));
    var kafkaStart =
        inThread(
            "punctual-start-kafka",
            () ->
                EmbeddedKafka.start(
                    data.resolve("kafka"),
                    settings.kafkaPort(),
                    settings.kafkaControllerPort(),
                    Map.of("num.partitions", String.valueOf(settings.partitions()))));
    var failures = new ArrayList<Throwable>();
    var startedPostgres = joined(postgresStart, failures);
    var startedKafka = joined(kafkaStart, failures);
    if (startedPostgres != null) {
      postgres = remember(startedPostgres);
    }
    if (startedKafka != null) {
      kafka = remember(startedKafka);
    }
    throwFirst(failures);
  }

  private ConfigurableApplicationContext run(
      SpringApplicationBuilder builder, Map<String, String> defaults, Map<String, String> user) {
    var merged = new LinkedHashMap<>(defaults);
    merged.putAll(user);
    var args =
        merged.entrySet().stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
    // Started on a thread of its own, an application cannot find its class from a main method
    // on the stack: name it, so that its start-up line says "Started SchedulerApplication in …"
    var sources = builder.application().getAllSources();
    if (sources.size() == 1 && sources.iterator().next() instanceof Class<?> main) {
      builder.main(main);
    }
    var context = builder.run(args);
    started.add(context::close);
    return context;
  }

  private <T extends AutoCloseable> T remember(T server) {
    started.add(server);
    return server;
  }

  /** The REST API's base URL, e.g. {@code http://localhost:3015}. */
  public String apiUrl() {
    return "http://localhost:" + port(api);
  }

  /** The REST API's management base URL (metrics), e.g. {@code http://localhost:3018}. */
  public String apiManagementUrl() {
    return "http://localhost:"
        + api.getEnvironment().getRequiredProperty("local.management.port", Integer.class);
  }

  /**
   * Whether the API asks for credentials ({@code --punctual.api.security.enabled=true}); when not,
   * it listens on loopback only.
   */
  public boolean apiSecured() {
    return apiSecured;
  }

  public String swaggerUiUrl() {
    return apiUrl() + "/api-docs";
  }

  public String schedulerUrl() {
    return "http://localhost:" + port(scheduler);
  }

  public String workerUrl() {
    return "http://localhost:" + port(worker);
  }

  public String kafkaBootstrapServers() {
    return kafka.bootstrapServers();
  }

  public String postgresJdbcUrl() {
    return postgres.jdbcUrl();
  }

  public String postgresUsername() {
    return postgres.username();
  }

  /** The running application contexts, for tests that look inside. */
  public ConfigurableApplicationContext api() {
    return api;
  }

  public ConfigurableApplicationContext scheduler() {
    return scheduler;
  }

  /**
   * Stops the scheduler, runs {@code whileDown}, and starts the scheduler again with the same
   * settings and state directory: what a scheduler outage or an upgrade of the scheduler alone does
   * to the jobs (their missed occurrences follow their misfire policies).
   */
  public void restartScheduler(Runnable whileDown) {
    scheduler.close();
    whileDown.run();
    scheduler = run(SchedulerApplication.builder(), schedulerArguments, userArguments);
  }

  public ConfigurableApplicationContext worker() {
    return worker;
  }

  private static int port(ConfigurableApplicationContext context) {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  /** Stops the applications, then the broker, then the database. */
  @Override
  public void close() {
    List<AutoCloseable> reversed;
    synchronized (started) {
      reversed = new ArrayList<>(started);
      started.clear();
    }
    Collections.reverse(reversed);
    for (var component : reversed) {
      try {
        component.close();
      } catch (Exception e) {
        log.warn("Stopping {} failed; continuing with the rest", component, e);
      }
    }
  }
}
