package dev.punctual.standalone;

import dev.punctual.api.ApiApplication;
import dev.punctual.embedded.EmbeddedKafka;
import dev.punctual.embedded.EmbeddedPostgres;
import dev.punctual.model.topic.Topics;
import dev.punctual.scheduler.SchedulerApplication;
import dev.punctual.worker.WorkerApplication;
import dev.punctual.worker.http.DestinationRules;
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

  /** The API's setting that turns authentication on; the standalone defaults it to off. */
  static final String SECURITY_ENABLED = "punctual.api.security.enabled";

  private static final String LOOPBACK = "127.0.0.1";

  private final List<AutoCloseable> started = new ArrayList<>();
  private boolean apiSecured;
  private EmbeddedPostgres postgres;
  private EmbeddedKafka kafka;
  private ConfigurableApplicationContext api;
  private ConfigurableApplicationContext scheduler;
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

    var common = new LinkedHashMap<String, String>();
    common.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
    common.put("spring.main.banner-mode", "off");
    // One Logback serves the three applications in this JVM; their names would be misleading.
    common.put("logging.include-application-name", "false");
    common.put("logging.structured.ecs.service.name", "punctual-standalone");
    common.put("logging.level.org.apache.kafka", "WARN");
    common.put("logging.level.kafka", "WARN");
    common.put("logging.level.state.change.logger", "WARN");
    // Health and metrics are for this machine's eyes by default (--server.address and
    // --management.server.address open them up); the API's own address follows security below.
    common.put("server.address", LOOPBACK);
    var userArguments = parse(extraArguments);

    var apiArgs = new LinkedHashMap<>(common);
    // With authentication on, the API listens where Spring listens by default: every interface.
    apiArgs.remove("server.address");
    apiArgs.put("server.port", String.valueOf(settings.apiPort()));
    apiArgs.put("management.server.port", String.valueOf(settings.apiManagementPort()));
    apiArgs.put("management.server.address", LOOPBACK);
    apiArgs.put(SECURITY_ENABLED, "false");
    apiArgs.put("spring.datasource.url", postgres.jdbcUrl());
    apiArgs.put("spring.datasource.username", postgres.username());
    apiArgs.put("spring.datasource.password", postgres.password());
    apiArgs.put("punctual.api.topic-prefix", settings.topicPrefix());
    apiSecured = Boolean.parseBoolean(userArguments.getOrDefault(SECURITY_ENABLED, "false"));
    var apiUserArguments = new LinkedHashMap<>(userArguments);
    if (!apiSecured) {
      // Without authentication, only this machine may reach the API, whatever else was asked.
      apiUserArguments.put("server.address", LOOPBACK);
    }
    api = run(ApiApplication.builder(), apiArgs, apiUserArguments);

    var schedulerArgs = new LinkedHashMap<>(common);
    schedulerArgs.put("server.port", String.valueOf(settings.schedulerPort()));
    schedulerArgs.put("punctual.scheduler.state-dir", data.resolve("streams").toString());
    schedulerArgs.put("punctual.scheduler.topic-prefix", settings.topicPrefix());
    // One scheduler instance: there is no other instance to keep a standby copy of its state.
    schedulerArgs.put("punctual.scheduler.num-standby-replicas", "0");
    // Static membership: a restart takes its tasks back at once instead of waiting for the old
    // member's session to expire.
    schedulerArgs.put("punctual.scheduler.instance-id", "standalone");
    schedulerArgs.putAll(withoutApiDocs());
    schedulerArgs.putAll(withoutApiSecurity());
    scheduler = run(SchedulerApplication.builder(), schedulerArgs, userArguments);

    var workerArgs = new LinkedHashMap<>(common);
    workerArgs.put("server.port", String.valueOf(settings.workerPort()));
    workerArgs.put("punctual.worker.topic-prefix", settings.topicPrefix());
    // On one machine the targets are usually local services; link-local and cloud metadata
    // addresses stay refused whatever this allows.
    workerArgs.put("punctual.worker.allowed-cidrs", DestinationRules.LOOPBACK_CIDRS);
    workerArgs.putAll(withoutApiDocs());
    workerArgs.putAll(withoutApiSecurity());
    worker = run(WorkerApplication.builder(), workerArgs, userArguments);
  }

  /** springdoc is on the shared classpath; only the API should serve Swagger UI. */
  private static Map<String, String> withoutApiDocs() {
    return Map.of("springdoc.api-docs.enabled", "false", "springdoc.swagger-ui.enabled", "false");
  }

  /**
   * Spring Security is on the shared classpath for the API; left alone, Boot would lock the
   * scheduler's and the worker's health and metrics behind a generated password.
   */
  private static Map<String, String> withoutApiSecurity() {
    return Map.of(
        "spring.autoconfigure.exclude",
        String.join(
            ",",
            "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.actuate.web.servlet"
                + ".ManagementWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet"
                + ".SecurityFilterAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet"
                + ".ServletWebSecurityAutoConfiguration",
            "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet"
                + ".OAuth2ResourceServerAutoConfiguration"));
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

  /** {@code --key=value} arguments as a map; the last value of a repeated key wins. */
  static Map<String, String> parse(List<String> arguments) {
    var parsed = new LinkedHashMap<String, String>();
    for (var argument : arguments) {
      if (!argument.startsWith("--") || argument.indexOf('=') < 3) {
        throw new IllegalArgumentException("'" + argument + "' is not of the form --key=value");
      }
      int equals = argument.indexOf('=');
      parsed.put(argument.substring(2, equals), argument.substring(equals + 1));
    }
    return parsed;
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
