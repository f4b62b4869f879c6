package dev.punctual.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.punctual.api.ApiProperties;
import dev.punctual.model.json.Json;
import dev.punctual.model.topic.Topics;
import dev.punctual.scheduler.system.SchedulerProperties;
import dev.punctual.worker.system.WorkerProperties;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.yaml.snakeyaml.Yaml;

/**
 * There is no Docker engine where the tests run, so the deployment files are checked against the
 * code instead: docker-compose.yml against the Dockerfile, the services' configuration and the
 * Prometheus configuration, and every metric the Grafana dashboard and the alert rules query
 * against what the running services export.
 */
class DeploymentFilesIT {

  static final Path ROOT = repositoryRoot();
  private static final Pattern METRIC =
      Pattern.compile("\\b((?:punctual|kafka|jvm|process|http_server|hikaricp)_[a-z0-9_]+)");
  private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS", "JAVA_OPTS");

  /** A Java service of docker-compose.yml and what it reads. */
  record Service(String name, String configFile, Class<?> properties, String prefix) {}

  static final List<Service> SERVICES =
      List.of(
          new Service("api-service", "punctual-api.yml", ApiProperties.class, "punctual.api"),
          new Service(
              "scheduler-streams",
              "punctual-scheduler.yml",
              SchedulerProperties.class,
              "punctual.scheduler"),
          new Service(
              "executor-worker", "punctual-worker.yml", WorkerProperties.class, "punctual.worker"));

  @Test
  void everyServiceIsBuiltFromTheDockerfileAndExposesItsConfiguredPort() throws IOException {
    var dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
    for (var service : SERVICES) {
      var compose = composeService(service.name());
      int port = configuredPort(service);

      assertThat(compose.get("build"))
          .as("%s is built from the Dockerfile", service.name())
          .isEqualTo(Map.of("context", ".", "target", service.name()));
      assertThat(dockerfile)
          .contains("FROM runtime AS " + service.name())
          .containsPattern("FROM runtime AS " + service.name() + "[\\s\\S]*?EXPOSE " + port);
      assertThat(exposedPorts(compose))
          .as("%s exposes server.port %d", service.name(), port)
          .contains(port);
      int metrics = metricsPort(service);
      assertThat(exposedPorts(compose))
          .as("%s exposes its metrics port %d", service.name(), metrics)
          .contains(metrics);
      assertThat(dockerfile)
          .containsPattern(
              "FROM runtime AS " + service.name() + "[\\s\\S]*?EXPOSE [0-9 ]*" + metrics);
    }
  }

  @Test
  void prometheusScrapesEveryServiceOnItsPort() throws IOException {
    var prometheus = yaml(ROOT.resolve("deploy/prometheus/prometheus.yml"));
    var targets = new ArrayList<String>();
    for (var job : list(prometheus.get("scrape_configs"))) {
      assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
      for (var sd : list(job.get("dns_sd_configs"))) {
        for (var name : (List<?>) sd.get("names")) {
          targets.add(name + ":" + sd.get("port"));
        }
      }
    }

    for (var service : SERVICES) {
      assertThat(targets).contains(service.name() + ":" + metricsPort(service));
    }
    assertThat(list(prometheus.get("rule_files"))).isNotNull();
  }

  @Test
  void everyEnvironmentVariableOfTheComposeFileIsAPropertyTheServiceReads() throws IOException {
    var known = springPropertyNames();
    for (var service : SERVICES) {
      var environment = composeEnvironment(service.name());
      assertThat(environment).as("%s has an environment", service.name()).isNotEmpty();
      var names = new TreeSet<>(known);
      names.addAll(recordPropertyNames(service.prefix(), service.properties()));
      var config = configFile(service);

      environment.forEach(
          (variable, value) ->
              assertThat(reads(config, names, variable, value))
                  .as("%s reads %s", service.name(), variable)
                  .isTrue());
    }
  }

  @Test
  void everyMetricOfTheDashboardAndTheAlertRulesIsExported() throws Exception {
    var queried = new TreeSet<String>();
    var dashboard = Json.MAPPER.readTree(ROOT.resolve("deploy/grafana/dashboards/punctual.json"));
    dashboard.findValues("expr").forEach(e -> queried.addAll(metricsIn(e.asString())));
    for (var group : list(yaml(ROOT.resolve("deploy/prometheus/alerts.yml")).get("groups"))) {
      for (var rule : list(group.get("rules"))) {
        queried.addAll(metricsIn(String.valueOf(rule.get("expr"))));
      }
    }
    assertThat(queried).as("metrics the dashboard and alerts query").hasSizeGreaterThan(10);

    var system = SharedSystem.get();
    produceActivity(system);

    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              var exported = new HashSet<String>();
              for (var url :
                  List.of(system.apiManagementUrl(), system.schedulerUrl(), system.workerUrl())) {
                exported.addAll(sampleNames(scrape(url + "/actuator/prometheus")));
              }
              assertThat(exported).containsAll(queried);
            });
  }

  /** A succeeding job, and one unreadable record on each input topic, so every meter exists. */
  private static void produceActivity(PunctualSystem system) throws Exception {
    var target = SharedSystem.target();
    var job =
        """
        {"id":"deployment-metrics","schedule":{"every":"PT1S"},
         "target":{"type":"http","url":"%s"}}
        """
            .formatted(target.url("/hook/metrics"));
    var created =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(system.apiUrl() + "/jobs"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(job))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).isIn(200, 201);
    DirectProducer.send(
        system,
        Topics.DEFAULT.jobs().name(),
        "broken",
        "{not json".getBytes(StandardCharsets.UTF_8));
    DirectProducer.send(
        system, Topics.DEFAULT.fires().name(), "broken", "{}".getBytes(StandardCharsets.UTF_8));
  }

  static boolean reads(String config, Set<String> propertyNames, String variable, String value) {
    if (JVM_VARIABLES.contains(variable)
        || config.contains("${" + variable + ":")
        || config.contains("${" + variable + "}")) {
      return true;
    }
    // Bind the variable exactly as Spring Boot would from the environment, and see whether a
    // property the service knows receives its value. Compose passes "$${HOSTNAME}" to the
    // container as "${HOSTNAME}", which Spring resolves there; this binder resolves no
    // placeholders.
    var passed = value.replace("$$", "$");
    var environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .addFirst(
            new SystemEnvironmentPropertySource(
                "compose", Map.<String, Object>of(variable, passed)));
    var binder = new Binder(ConfigurationPropertySources.get(environment));
    return propertyNames.stream()
        .anyMatch(
            name -> binder.bind(name, Bindable.of(String.class)).map(passed::equals).orElse(false));
  }

  /** {@code prefix.kebab-case-component} for every component, nested records included. */
  static Set<String> recordPropertyNames(String prefix, Class<?> type) {
    var names = new TreeSet<String>();
    for (var component : type.getRecordComponents()) {
      var name = prefix + "." + kebab(component.getName());
      if (component.getType().isRecord()) {
        names.addAll(recordPropertyNames(name, component.getType()));
      } else {
        names.add(name);
      }
    }
    return names;
  }

  private static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
  }

  /** Every property Spring Boot documents in the configuration metadata on the classpath. */
  static Set<String> springPropertyNames() throws IOException {
    var names = new TreeSet<String>();
    var resources =
        Thread.currentThread()
            .getContextClassLoader()
            .getResources("META-INF/spring-configuration-metadata.json");
    for (var url : Collections.list(resources)) {
      try (var in = url.openStream()) {
        Json.MAPPER
            .readTree(in)
            .path("properties")
            .forEach(p -> names.add(p.get("name").asString()));
      }
    }
    assertThat(names).contains("spring.kafka.bootstrap-servers", "server.port");
    return names;
  }

  static String configFile(Service service) throws IOException {
    try (var in =
        DeploymentFilesIT.class.getClassLoader().getResourceAsStream(service.configFile())) {
      assertThat(in).as("%s on the classpath", service.configFile()).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static int configuredPort(Service service) throws IOException {
    Map<String, Object> config = new Yaml().load(configFile(service));
    var server = (Map<?, ?>) config.get("server");
    return Integer.parseInt(String.valueOf(server.get("port")).replaceAll("[^0-9].*", ""));
  }

  /**
   * Where the service serves /actuator/prometheus in docker-compose.yml: its management port
   * ({@code MANAGEMENT_SERVER_PORT} in the compose file, else {@code management.server.port} in its
   * configuration), else its server port.
   */
  private static int metricsPort(Service service) throws IOException {
    var variable = composeEnvironment(service.name()).get("MANAGEMENT_SERVER_PORT");
    if (variable != null) {
      return Integer.parseInt(variable);
    }
    Map<String, Object> config = new Yaml().load(configFile(service));
    if (config.get("management") instanceof Map<?, ?> management
        && management.get("server") instanceof Map<?, ?> server
        && server.get("port") != null) {
      return port(String.valueOf(server.get("port")));
    }
    return configuredPort(service);
  }

  /** A port as configured: {@code 3018} or {@code ${MANAGEMENT_SERVER_PORT:3018}}. */
  static int port(String configured) {
    var value =
        configured.startsWith("${") ? configured.replaceAll(".*:([0-9]+)}$", "$1") : configured;
    return Integer.parseInt(value);
  }

  private static Set<Integer> exposedPorts(Map<String, Object> compose) {
    var ports = new HashSet<Integer>();
    for (var key : List.of("ports", "expose")) {
      if (compose.get(key) instanceof List<?> entries) {
        for (var entry : entries) {
          var text = String.valueOf(entry);
          ports.add(Integer.parseInt(text.substring(text.lastIndexOf(':') + 1)));
        }
      }
    }
    return ports;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> composeService(String name) throws IOException {
    var services = (Map<String, Object>) yaml(ROOT.resolve("docker-compose.yml")).get("services");
    assertThat(services).containsKey(name);
    return (Map<String, Object>) services.get(name);
  }

  private static Map<String, String> composeEnvironment(String name) throws IOException {
    var environment = (Map<?, ?>) composeService(name).get("environment");
    var variables = new java.util.LinkedHashMap<String, String>();
    environment.forEach((k, v) -> variables.put(String.valueOf(k), String.valueOf(v)));
    return variables;
  }

  private static Map<String, Object> yaml(Path file) throws IOException {
    return new Yaml().load(Files.readString(file));
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Object value) {
    return (List<Map<String, Object>>) value;
  }

  static Set<String> metricsIn(String expression) {
    var names = new TreeSet<String>();
    var matcher = METRIC.matcher(expression);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return names;
  }

  private static Set<String> sampleNames(String exposition) {
    var names = new HashSet<String>();
    for (var line : exposition.split("\n")) {
      if (!line.isEmpty() && !line.startsWith("#")) {
        int end = line.indexOf('{');
        names.add(line.substring(0, end > 0 ? end : line.indexOf(' ')));
      }
    }
    return names;
  }

  private static String scrape(String url) throws Exception {
    return HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static Path repositoryRoot() {
    var here = Path.of("").toAbsolutePath();
    for (var dir = here; dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve("docker-compose.yml"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no docker-compose.yml above " + here);
  }
}
