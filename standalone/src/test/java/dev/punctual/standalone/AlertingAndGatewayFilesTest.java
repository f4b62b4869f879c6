package dev.punctual.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import inet.ipaddr.IPAddressString;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The alerting and gateway pieces of the compose files fit together, as {@link DeploymentFilesIT}
 * checks the rest: Prometheus sends alerts to the Alertmanager that compose runs, Alertmanager's
 * webhook reads the URL file compose writes, whose default is the logger compose runs; the rules
 * name only scrape jobs and applications that exist; and the gateway override lets the API trust
 * exactly the gateway's address, forwards to the API's port and publishes the API no more.
 */
class AlertingAndGatewayFilesTest {

  private static final Path ROOT = DeploymentFilesIT.ROOT;
  private static final Pattern LABEL = Pattern.compile("\\b(job|application)=~?\"([^\"]+)\"");

  @Test
  void prometheusSendsAlertsToTheAlertmanagerOfTheComposeFile() throws IOException {
    var prometheus = yaml(ROOT.resolve("deploy/prometheus/prometheus.yml"));
    var targets = new TreeSet<String>();
    for (var manager : list(map(prometheus.get("alerting")).get("alertmanagers"))) {
      for (var config : list(manager.get("static_configs"))) {
        ((List<?>) config.get("targets")).forEach(t -> targets.add(String.valueOf(t)));
      }
    }
    assertThat(targets).containsExactly("alertmanager:9093");

    var alertmanager = service("docker-compose.yml", "alertmanager");
    assertThat(String.valueOf(alertmanager.get("image"))).startsWith("prom/alertmanager:");
    assertThat(alertmanager.get("ports"))
        .asInstanceOf(InstanceOfAssertFactories.LIST)
        .contains("9093:9093");
    assertThat(alertmanager.get("volumes"))
        .asInstanceOf(InstanceOfAssertFactories.LIST)
        .contains("./deploy/alertmanager/alertmanager.yml:/etc/alertmanager/alertmanager.yml:ro");
    assertThat(alertmanager.get("command"))
        .asInstanceOf(InstanceOfAssertFactories.LIST)
        .contains("--config.file=/etc/alertmanager/alertmanager.yml");
  }

  @Test
  void everyAlertReachesTheWebhookWhoseUrlComposeWritesAndTheLoggerReceives() throws IOException {
    var config = yaml(ROOT.resolve("deploy/alertmanager/alertmanager.yml"));
    var route = map(config.get("route"));
    var receivers = list(config.get("receivers"));
    assertThat(receivers).extracting(r -> r.get("name")).contains(route.get("receiver"));
    for (var child : list(route.get("routes"))) {
      assertThat(receivers).extracting(r -> r.get("name")).contains(child.get("receiver"));
    }
    var webhook = list(receivers.getFirst().get("webhook_configs")).getFirst();
    assertThat(webhook.get("send_resolved")).isEqualTo(true);

    // the url_file is the file compose writes from PUNCTUAL_ALERT_WEBHOOK_URL
    var mounted = list(service("docker-compose.yml", "alertmanager").get("configs")).getFirst();
    assertThat(mounted.get("target")).isEqualTo(webhook.get("url_file"));
    var content =
        String.valueOf(
            map(map(compose("docker-compose.yml").get("configs")).get(mounted.get("source")))
                .get("content"));
    assertThat(content).startsWith("${PUNCTUAL_ALERT_WEBHOOK_URL:-");
    assertThat(Files.readString(ROOT.resolve("punctual.env.example")))
        .contains("PUNCTUAL_ALERT_WEBHOOK_URL=");

    // whose default is the logger, on the port it listens on
    var fallback = content.replaceAll("^\\$\\{PUNCTUAL_ALERT_WEBHOOK_URL:-(.*)}$", "$1");
    var logger = service("docker-compose.yml", "alert-logger");
    var port = ((List<?>) logger.get("command")).getLast();
    assertThat(fallback).isEqualTo("http://alert-logger:" + port + "/");
    assertThat(logger.get("expose")).asInstanceOf(InstanceOfAssertFactories.LIST).contains(port);
    assertThat(logger.get("volumes"))
        .asInstanceOf(InstanceOfAssertFactories.LIST)
        .contains("./deploy/alertmanager/webhook-logger.py:/webhook-logger.py:ro");
  }

  @Test
  void theRulesNameOnlyScrapeJobsAndApplicationsThatExist() throws IOException {
    var jobs = new TreeSet<String>();
    for (var job :
        list(yaml(ROOT.resolve("deploy/prometheus/prometheus.yml")).get("scrape_configs"))) {
      jobs.add(String.valueOf(job.get("job_name")));
    }
    var applications = new TreeSet<String>();
    for (var service : DeploymentFilesIT.SERVICES) {
      Map<String, Object> config = new Yaml().load(DeploymentFilesIT.configFile(service));
      applications.add(
          String.valueOf(
              map(map(map(config.get("management")).get("metrics")).get("tags"))
                  .get("application")));
    }

    var named = new TreeSet<String>();
    for (var rule : AlertRulesTest.rules().values()) {
      var matcher = LABEL.matcher(String.valueOf(rule.get("expr")));
      while (matcher.find()) {
        var known = matcher.group(1).equals("job") ? jobs : applications;
        for (var value : matcher.group(2).split("\\|")) {
          assertThat(known).as("%s in %s", value, rule.get("alert")).contains(value);
          named.add(value);
        }
      }
    }
    assertThat(named).containsAll(jobs).contains("punctual-scheduler", "punctual-api");
  }

  @Test
  void theApiTrustsExactlyTheGatewayAndIsReachedThroughItOnly() throws IOException {
    var gateway = service("docker-compose.gateway.yml", "gateway");
    assertThat(String.valueOf(gateway.get("image"))).startsWith("caddy:");
    assertThat(gateway.get("volumes"))
        .asInstanceOf(InstanceOfAssertFactories.LIST)
        .contains("./deploy/gateway/Caddyfile:/etc/caddy/Caddyfile:ro");
    assertThat(gateway.get("ports"))
        .asInstanceOf(InstanceOfAssertFactories.LIST)
        .contains("443:443");
    var address =
        String.valueOf(map(map(gateway.get("networks")).get("default")).get("ipv4_address"));
    var subnet =
        String.valueOf(
            list(map(map(map(compose("docker-compose.gateway.yml").get("networks")).get("default"))
                        .get("ipam"))
                    .get("config"))
                .getFirst()
                .get("subnet"));
    assertThat(new IPAddressString(subnet).contains(new IPAddressString(address)))
        .as("%s in %s", address, subnet)
        .isTrue();

    var api = service("docker-compose.gateway.yml", "api-service");
    assertThat(api.get("ports")).as("the API is not published").isEqualTo(RESET);
    var environment = map(api.get("environment"));
    assertThat(environment.get("PUNCTUAL_API_TRUSTED_PROXIES")).isEqualTo(address);
    var apiService = DeploymentFilesIT.SERVICES.getFirst();
    assertThat(DeploymentFilesIT.configFile(apiService))
        .contains("${PUNCTUAL_API_TRUSTED_PROXIES:}");

    // the gateway forwards to the API's port, with TLS from its internal CA by default
    int port = DeploymentFilesIT.configuredPort(apiService);
    assertThat(map(gateway.get("environment")).get("PUNCTUAL_GATEWAY_UPSTREAM"))
        .isEqualTo("api-service:" + port);
    var caddyfile = Files.readString(ROOT.resolve("deploy/gateway/Caddyfile"));
    assertThat(caddyfile)
        .contains("reverse_proxy {$PUNCTUAL_GATEWAY_UPSTREAM:api-service:" + port + "}")
        .contains("tls {$PUNCTUAL_GATEWAY_TLS:internal}")
        .contains("flush_interval -1")
        .contains("health_uri /actuator/health/readiness");
  }

  /** What {@code !reset} parses to: compose drops the value the base file gave. */
  private static final String RESET = "!reset";

  /** Compose's {@code !reset} tag, which SnakeYAML does not know, read as {@link #RESET}. */
  private static final class ComposeConstructor extends SafeConstructor {
    ComposeConstructor() {
      super(new LoaderOptions());
      yamlConstructors.put(
          new Tag("!reset"),
          new AbstractConstruct() {
            @Override
            public Object construct(Node node) {
              return RESET;
            }
          });
    }
  }

  private static Map<String, Object> compose(String file) throws IOException {
    return new Yaml(new ComposeConstructor()).load(Files.readString(ROOT.resolve(file)));
  }

  private static Map<String, Object> service(String file, String name) throws IOException {
    var services = map(compose(file).get("services"));
    assertThat(services).as("services of %s", file).containsKey(name);
    return map(services.get(name));
  }

  private static Map<String, Object> yaml(Path file) throws IOException {
    return new Yaml().load(Files.readString(file));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    assertThat(value).isInstanceOf(Map.class);
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Object value) {
    assertThat(value).isInstanceOf(List.class);
    return (List<Map<String, Object>>) value;
  }
}
