package dev.punctual.standalone;

import dev.punctual.api.ApiApplication;
import dev.punctual.embedded.EmbeddedKafka;
import dev.punctual.embedded.EmbeddedPostgres;
import dev.punctual.model.topic.Topics;
import dev.punctual.scheduler.SchedulerApplication;
import dev.punctual.worker.WorkerApplication;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole system in this JVM: PostgreSQL, a Kafka broker, the topics, and the API, scheduler and
 * worker applications. Closing it stops everything in reverse order.
 */
public final class PunctualSystem implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PunctualSystem.class);

  private final List<AutoCloseable> started = new ArrayList<>();
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
    postgres = remember(EmbeddedPostgres.start(data.resolve("postgres"), settings.postgresPort()));
    kafka =
        remember(
            EmbeddedKafka.start(
                data.resolve("kafka"),
                settings.kafkaPort(),
                settings.kafkaControllerPort(),
                Map.of("num.partitions", String.valueOf(settings.partitions()))));
    var topics = new Topics(settings.topicPrefix());
    kafka.createTopics(topics.newTopics(settings.partitions(), (short) 1));

    var userArguments = ServiceArguments.parse(extraArguments);
    var arguments =
        new ServiceArguments(settings, data, kafka.bootstrapServers(), postgres, userArguments);
    apiSecured = arguments.apiSecured();
    // The API opens last: once a user can create a job, the scheduler and the worker that fire and
    // run it have started (and had the API's start-up time to join their groups), so the first jobs
    // of a fresh start are not late by the scheduler's own start-up.
    this.schedulerArguments = arguments.scheduler();
    this.userArguments = userArguments;
    scheduler = run(SchedulerApplication.builder(), schedulerArguments, userArguments);
    worker = run(WorkerApplication.builder(), arguments.worker(), userArguments);
    api = run(ApiApplication.builder(), arguments.api(), arguments.apiUser());
  }

  private ConfigurableApplicationContext run(
      SpringApplicationBuilder builder, Map<String, String> defaults, Map<String, String> user) {
    var merged = new LinkedHashMap<>(defaults);
    merged.putAll(user);
    var args =
        merged.entrySet().stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
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
    var reversed = new ArrayList<>(started);
    Collections.reverse(reversed);
    started.clear();
    for (var component : reversed) {
      try {
        component.close();
      } catch (Exception e) {
        log.warn("Stopping {} failed; continuing with the rest", component, e);
      }
    }
  }
}
