package dev.punctual.standalone;

import dev.punctual.api.backup.BackupCommand;
import dev.punctual.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * Starts the standalone system and prints where everything is. Arguments of the form {@code
 * --punctual.standalone.*=…} configure it (see {@link StandaloneProperties}); every other {@code
 * --key=value} argument is handed to all three applications, e.g. {@code
 * --logging.level.dev.punctual=DEBUG}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StandaloneProperties.class)
public class StandaloneApplication {

  public static void main(String[] args) throws InterruptedException {
    if (args.length > 0 && (args[0].equals("backup") || args[0].equals("restore"))) {
      System.exit(backupCommand(args));
    }
    if (args.length > 0 && args[0].equals("train")) {
      System.exit(train(args));
    }
    var settings = readSettings(args);
    var passThrough =
        Arrays.stream(args).filter(a -> !a.startsWith("--punctual.standalone.")).toList();
    PunctualSystem system;
    try {
      system = PunctualSystem.start(settings, passThrough);
    } catch (IllegalStateException e) {
      System.err.println(e.getMessage());
      System.exit(1);
      return;
    }
    var stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  system.close();
                  stopped.countDown();
                },
                "punctual-shutdown"));
    System.out.println(describe(system, settings));
    stopped.await();
  }

  /**
   * {@code backup FILE} or {@code restore FILE} ({@code ./punctual backup|restore}): the API's
   * PostgreSQL that {@code POSTGRES_URL} names, else this system's embedded server on its port.
   */
  private static int backupCommand(String[] args) {
    var command = Arrays.stream(args).filter(a -> !a.startsWith("--")).toArray(String[]::new);
    // the command prints what it did; Flyway's INFO lines about each check would drown it
    System.setProperty("logging.level.org.flywaydb", "WARN");
    var settings =
        readSettings(Arrays.stream(args).filter(a -> a.startsWith("--")).toArray(String[]::new));
    var embedded =
        new BackupCommand.Database(
            "jdbc:postgresql://localhost:%d/%s"
                .formatted(settings.postgresPort(), EmbeddedPostgres.DATABASE),
            EmbeddedPostgres.USER,
            "");
    return new BackupCommand(System.getenv(), embedded, System.out, System.err).run(command);
  }

  /**
   * {@code train [SECONDS]}: the workload of {@link Training}, for a JVM started with {@code
   * -XX:AOTCacheOutput} ({@code ./punctual run} does it once per build on a JDK 25+).
   */
  private static int train(String[] args) throws InterruptedException {
    var duration =
        args.length > 1 ? Duration.ofSeconds(Long.parseLong(args[1])) : Training.DEFAULT_DURATION;
    try {
      long calls = new Training(System.out).run(duration);
      System.out.printf("Training done: %,d HTTP calls.%n", calls);
      return 0;
    } catch (IOException | RuntimeException e) {
      e.printStackTrace();
      return 1;
    }
  }

  /** Binds {@code punctual.standalone.*} from arguments, system properties and environment. */
  static StandaloneProperties readSettings(String[] args) {
    try (var context =
        new SpringApplicationBuilder(StandaloneApplication.class)
            .web(WebApplicationType.NONE)
            .bannerMode(org.springframework.boot.Banner.Mode.OFF)
            .logStartupInfo(false)
            .properties("spring.config.name=punctual-standalone")
            .run(args)) {
      return context.getBean(StandaloneProperties.class);
    }
  }

  private static String access(PunctualSystem system) {
    return system.apiSecured()
        ? "(authentication on: send Authorization: Bearer <key>; start with"
            + " --punctual.api.security.bootstrap-admin-key=... and issue keys with POST"
            + " /admin/api-keys)"
        : "(no authentication: reachable from this machine only;"
            + " --punctual.api.security.enabled=true turns it on)";
  }

  static String describe(PunctualSystem system, StandaloneProperties settings) {
    return String.join(
        System.lineSeparator(),
        List.of(
            "",
            "Punctual is running.",
            "  REST API          " + system.apiUrl() + "/jobs " + access(system),
            "  Dashboard         " + system.apiUrl() + "/ui",
            "  Swagger UI        " + system.swaggerUiUrl(),
            "  AsyncAPI          " + system.apiUrl() + "/asyncapi.json",
            "  API metrics       " + system.apiManagementUrl() + "/actuator/prometheus",
            "  Kafka bootstrap   " + system.kafkaBootstrapServers(),
            "  PostgreSQL        "
                + system.postgresJdbcUrl()
                + " (user "
                + system.postgresUsername()
                + ")",
            "  Scheduler health  " + system.schedulerUrl() + "/actuator/health",
            "  Worker health     " + system.workerUrl() + "/actuator/health",
            "  Data directory    " + settings.dataDir().toAbsolutePath().normalize(),
            "Press Ctrl+C to stop.",
            ""));
  }
}
