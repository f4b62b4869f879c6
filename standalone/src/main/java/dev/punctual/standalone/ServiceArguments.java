package dev.punctual.standalone;

import dev.punctual.embedded.EmbeddedPostgres;
import dev.punctual.worker.http.DestinationRules;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings the standalone gives each of its three applications, before the user's own {@code
 * --key=value} arguments (which win). Security decides where the API listens: without
 * authentication only on loopback, whatever else was asked.
 */
final class ServiceArguments {

  /** The API's setting that turns authentication on; the standalone defaults it to off. */
  static final String SECURITY_ENABLED = "punctual.api.security.enabled";

  /** The API's rate limit; off in the standalone while authentication is off. */
  static final String RATE_LIMIT_ENABLED = "punctual.api.rate-limit.enabled";

  private static final String LOOPBACK = "127.0.0.1";

  private final StandaloneProperties settings;
  private final Path data;
  private final EmbeddedPostgres postgres;
  private final Map<String, String> user;
  private final Map<String, String> common = new LinkedHashMap<>();
  private final boolean apiSecured;

  ServiceArguments(
      StandaloneProperties settings,
      Path data,
      String kafkaBootstrapServers,
      EmbeddedPostgres postgres,
      Map<String, String> user) {
    this.settings = settings;
    this.data = data;
    this.postgres = postgres;
    this.user = user;
    this.apiSecured = Boolean.parseBoolean(user.getOrDefault(SECURITY_ENABLED, "false"));
    common.put("spring.kafka.bootstrap-servers", kafkaBootstrapServers);
    common.put("spring.main.banner-mode", "off");
    // One Logback serves the three applications in this JVM; their names would be misleading.
    common.put("logging.include-application-name", "false");
    common.put("logging.structured.ecs.service.name", "punctual-standalone");
    common.put("logging.level.org.apache.kafka", "WARN");
    common.put("logging.level.kafka", "WARN");
    common.put("logging.level.state.change.logger", "WARN");
    // Health and metrics are for this machine's eyes by default (--server.address and
    // --management.server.address open them up); the API's own address follows security.
    common.put("server.address", LOOPBACK);
  }

  /** Whether the user turned the API's authentication on. */
  boolean apiSecured() {
    return apiSecured;
  }

  Map<String, String> api() {
    var api = new LinkedHashMap<>(common);
    // With authentication on, the API listens where Spring listens by default: every interface.
    api.remove("server.address");
    api.put("server.port", String.valueOf(settings.apiPort()));
    api.put("management.server.port", String.valueOf(settings.apiManagementPort()));
    api.put("management.server.address", LOOPBACK);
    api.put(SECURITY_ENABLED, "false");
    if (!apiSecured) {
      // Loopback only and no credentials: every client is this machine's one user, and with
      // security off every local client shares one budget (the remote address). A limit would
      // only throttle that user's own scripts; with security on, the API's defaults apply.
      api.put(RATE_LIMIT_ENABLED, "false");
    }
    api.put("spring.datasource.url", postgres.jdbcUrl());
    api.put("spring.datasource.username", postgres.username());
    api.put("spring.datasource.password", postgres.password());
    api.put("punctual.api.topic-prefix", settings.topicPrefix());
    return api;
  }

  /** The user's arguments as the API takes them. */
  Map<String, String> apiUser() {
    var api = new LinkedHashMap<>(user);
    if (!apiSecured) {
      // Without authentication, only this machine may reach the API, whatever else was asked.
      api.put("server.address", LOOPBACK);
    }
    return api;
  }

  Map<String, String> scheduler() {
    var scheduler = new LinkedHashMap<>(common);
    scheduler.put("server.port", String.valueOf(settings.schedulerPort()));
    scheduler.put("punctual.scheduler.state-dir", data.resolve("streams").toString());
    scheduler.put("punctual.scheduler.topic-prefix", settings.topicPrefix());
    // One scheduler instance: there is no other instance to keep a standby copy of its state.
    scheduler.put("punctual.scheduler.num-standby-replicas", "0");
    // Static membership: a restart takes its tasks back at once instead of waiting for the old
    // member's session to expire.
    scheduler.put("punctual.scheduler.instance-id", "standalone");
    // No other instance to fail over to: the short default timeouts buy nothing here, and a
    // transaction that runs long on a machine busy with the whole system (JIT warm-up, a burst)
    // would be aborted and the scheduler fenced, which costs seconds of firing.
    scheduler.put("punctual.scheduler.session-timeout", "10s");
    scheduler.put("punctual.scheduler.transaction-timeout", "10s");
    scheduler.putAll(withoutApiDocs());
    scheduler.putAll(withoutApiSecurity());
    return scheduler;
  }

  Map<String, String> worker() {
    var worker = new LinkedHashMap<>(common);
    worker.put("server.port", String.valueOf(settings.workerPort()));
    worker.put("punctual.worker.topic-prefix", settings.topicPrefix());
    // On one machine the targets are usually local services; link-local and cloud metadata
    // addresses stay refused whatever this allows.
    worker.put("punctual.worker.allowed-cidrs", DestinationRules.LOOPBACK_CIDRS);
    worker.putAll(withoutApiDocs());
    worker.putAll(withoutApiSecurity());
    return worker;
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
}
